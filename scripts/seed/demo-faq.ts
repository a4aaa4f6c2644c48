import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/server/auth/actor";
import type { FaqArticleInput, FaqVisibility } from "@/server/schemas/faq";
import { saveFaqCategory } from "@/server/services/faq/categories";
import { createFaqArticle, setFaqState } from "@/server/services/faq/editor";

type Texts = FaqArticleInput["translations"];

const ARTICLES: { category: "account" | "connect"; visibility: FaqVisibility; texts: Texts }[] = [
  {
    category: "account",
    visibility: "public",
    texts: [
      { language: "en", title: "How do I reset my password?", keywords: "forgot login sign in", body: "1. Open the sign-in page and choose **Forgot your password?**\n2. Enter your e-mail address.\n3. Follow the link in the e-mail within one hour.\n\nNo e-mail? Check the spam folder, then write to us." },
      { language: "pl", title: "Jak zresetować hasło?", keywords: "zapomniałem logowanie", body: "1. Otwórz stronę logowania i wybierz **Nie pamiętasz hasła?**\n2. Podaj adres e-mail.\n3. Kliknij link z wiadomości w ciągu godziny." },
      { language: "de", title: "Wie setze ich mein Passwort zurück?", keywords: "vergessen anmeldung", body: "1. Öffnen Sie die Anmeldeseite und wählen Sie **Passwort vergessen?**\n2. Geben Sie Ihre E-Mail-Adresse ein.\n3. Folgen Sie dem Link in der E-Mail innerhalb einer Stunde." },
      { language: "fa", title: "چگونه رمز عبورم را بازنشانی کنم؟", keywords: "فراموشی ورود", body: "۱. صفحه ورود را باز کنید و **رمز را فراموش کرده‌اید؟** را بزنید.\n۲. نشانی ایمیل خود را وارد کنید.\n۳. پیوند ایمیل را تا یک ساعت باز کنید." },
    ],
  },
  {
    category: "connect",
    visibility: "customers",
    texts: [
      { language: "en", title: "The VPN keeps disconnecting", keywords: "vpn network remote", body: "Update the VPN client to the latest version and switch off the laptop's power saving for the network adapter. If it still drops, send us the time it happened." },
      { language: "de", title: "Das VPN trennt ständig die Verbindung", keywords: "vpn netzwerk", body: "Aktualisieren Sie den VPN-Client und schalten Sie das Energiesparen des Netzwerkadapters aus." },
    ],
  },
  {
    category: "connect",
    visibility: "internal",
    texts: [{ language: "en", title: "Escalating VPN outages to the network team", keywords: "vpn escalation", body: "Check the status page first. Outages of more than 15 minutes go to the network team's on-call phone; note the ticket number in the call." }],
  },
];

/** A few demo FAQ articles (public, customers', internal) in the desk's languages; the public FAQ stays off until the admin turns it on. */
export async function seedDemoFaq(db: Db) {
  const [admin] = await db.select().from(s.users).where(eq(s.users.email, "admin@example.com")).limit(1);
  if (!admin) return;
  const actor: Actor = { id: admin.id, role: "admin", email: admin.email, name: admin.name, language: admin.language, timeZone: admin.timeZone, companyId: null, seesCompanyTickets: false, preferGregorian: false };
  const categories = {
    account: (await saveFaqCategory(db, actor, { names: { en: "Your account", pl: "Twoje konto", de: "Ihr Konto", fa: "حساب شما" } })).id,
    connect: (await saveFaqCategory(db, actor, { names: { en: "Network and VPN", pl: "Sieć i VPN", de: "Netzwerk und VPN", fa: "شبکه و VPN" }, position: 1 })).id,
  };
  for (const a of ARTICLES) {
    const created = await createFaqArticle(db, actor, { categoryId: categories[a.category], visibility: a.visibility, translations: a.texts });
    await setFaqState(db, actor, { id: created.id, version: created.version, state: "published" });
  }
}

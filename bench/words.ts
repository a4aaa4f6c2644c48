/**
 * Word lists for the generated desk. Each language has its own everyday help-desk vocabulary;
 * the benchmark's search words are kept out of them so their frequencies are exactly what the
 * generator makes them: COMMON_WORD in about a third of all articles, each RARE_WORDS entry in
 * about a hundred.
 */
export const LANGUAGES = ["en", "de", "pl", "fa"] as const;
export type Language = (typeof LANGUAGES)[number];

export const VOCABULARY: Record<Language, string[]> = {
  en: ("hello thanks please help problem issue cannot login password reset account email mailbox printer office network " +
    "connection slow today yesterday morning again still broken error message screen laptop update install software license " +
    "invoice order delivery shipment address contract renewal request access folder share drive backup restore meeting " +
    "calendar phone headset camera browser website page timeout certificate expired urgent customer colleague manager team " +
    "attached screenshot regards kind best monday friday week month quarter report export import file upload download " +
    "working fine resolved closed waiting answer question information details number reference payment refund credit " +
    "warehouse stock keyboard mouse monitor battery charger wireless router firewall proxy").split(" "),
  de: ("hallo danke bitte hilfe problem fehler anmeldung passwort zurücksetzen konto postfach drucker büro netzwerk verbindung " +
    "langsam heute gestern morgen wieder immer noch kaputt fehlermeldung bildschirm rechner aktualisierung installieren " +
    "lizenz rechnung bestellung lieferung sendung adresse vertrag verlängerung anfrage zugriff ordner freigabe laufwerk " +
    "sicherung wiederherstellen besprechung kalender telefon kamera browser webseite zeitüberschreitung zertifikat abgelaufen " +
    "dringend kunde kollege vorgesetzter anhang bildschirmfoto grüße freundlichen montag freitag woche monat quartal bericht " +
    "datei hochladen herunterladen funktioniert gelöst geschlossen warten antwort frage auskunft einzelheiten nummer zahlung " +
    "erstattung gutschrift lager tastatur maus akku ladegerät straße größe übermäßig prüfung").split(" "),
  pl: ("dzień dobry dziękuję proszę pomoc problem błąd logowanie hasło konto skrzynka drukarka biuro sieć połączenie wolno " +
    "dzisiaj wczoraj rano znowu nadal zepsuty komunikat ekran laptop aktualizacja instalacja oprogramowanie licencja faktura " +
    "zamówienie dostawa przesyłka adres umowa przedłużenie prośba dostęp folder udział dysk kopia przywrócenie spotkanie " +
    "kalendarz telefon słuchawki kamera przeglądarka strona certyfikat wygasł pilne klient kolega kierownik zespół załącznik " +
    "zrzut pozdrawiam poniedziałek piątek tydzień miesiąc kwartał raport plik pobieranie działa rozwiązany zamknięty czekam " +
    "odpowiedź pytanie informacja szczegóły numer płatność zwrot magazyn klawiatura myszka bateria ładowarka zażółć gęślą " +
    "jaźń źródło").split(" "),
  fa: ("سلام ممنون لطفاً کمک مشکل خطا ورود رمز حساب ایمیل صندوق چاپگر دفتر شبکه اتصال کند امروز دیروز صبح دوباره هنوز خراب " +
    "پیام صفحه لپتاپ بروزرسانی نصب نرمافزار مجوز فاکتور سفارش تحویل ارسال آدرس قرارداد تمدید درخواست دسترسی پوشه اشتراک " +
    "پشتیبان بازیابی جلسه تقویم تلفن دوربین مرورگر وبسایت گواهی منقضی فوری مشتری همکار مدیر تیم پیوست تصویر ارادتمند " +
    "دوشنبه جمعه هفته ماه گزارش فایل بارگذاری دانلود کار حل بسته منتظر پاسخ سؤال اطلاعات جزئیات شماره پرداخت بازپرداخت " +
    "انبار صفحهکلید ماوس باتری شارژر").split(" "),
};

export const SUBJECTS: Record<Language, string[]> = {
  en: ["Printer not working", "Cannot log in to the portal", "Invoice shows the wrong address", "VPN keeps disconnecting", "Order has not arrived", "Password reset needed", "Laptop screen flickers", "Access to shared folder"],
  de: ["Drucker funktioniert nicht", "Anmeldung nicht möglich", "Rechnung mit falscher Adresse", "VPN-Verbindung bricht ab", "Lieferung nicht angekommen", "Passwort zurücksetzen", "Störung in der Straße 12", "Zugriff auf Freigabe"],
  pl: ["Drukarka nie działa", "Nie mogę się zalogować", "Faktura z błędnym adresem", "VPN się rozłącza", "Zamówienie nie dotarło", "Reset hasła", "Zażółć gęślą jaźń — ekran miga", "Dostęp do folderu"],
  fa: ["چاپگر کار نمی‌کند", "ورود به پورتال ممکن نیست", "آدرس فاکتور اشتباه است", "اتصال وی‌پی‌ان قطع می‌شود", "سفارش نرسیده است", "بازنشانی رمز عبور", "صفحه لپتاپ چشمک می‌زند", "دسترسی به پوشه مشترک"],
};

/** In about a third of all articles, whatever their language (a product name everybody writes). */
export const COMMON_WORD = "sharepoint";
/** Each in about a hundred articles: one per language, so folding of ż, ß and Persian letters is exercised. */
export const RARE_WORDS = ["zephyrine", "źdźbłowy", "straßenbahnhaltestelle", "کهکشانی"];
/** One article in RARE_EVERY carries a rare word (5M articles / 50,000 = 100 hits per word). */
export const RARE_EVERY = 50_000;
export const COMMON_SHARE = 0.33;

import { eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { faqArticles, users } from "@/db/schema";
import { type Actor, isAgent } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { FAQ_LANGUAGES, type FaqVisibility } from "@/server/schemas/faq";
import { getSetting } from "@/server/services/settings";

/** A reader of the FAQ: a signed-in actor, or an anonymous visitor of the public pages. */
export type FaqReader = Actor | null;

/** What a reader may see: agents every visibility, signed-in customers theirs and public, visitors public only. */
export function visibilitiesFor(reader: FaqReader): FaqVisibility[] {
  if (!reader) return ["public"];
  return isAgent(reader) ? ["internal", "customers", "public"] : ["customers", "public"];
}

/** Readers see published articles only, whoever they are; drafts and archived ones are the editors'. */
export function readableArticles(reader: FaqReader): SQL {
  const list = visibilitiesFor(reader);
  return sql`${faqArticles.state} = 'published' and ${faqArticles.visibility} in (${sql.join(
    list.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** The public FAQ (anonymous visitors) exists only while the admin has it switched on. */
export async function publicFaqEnabled(db: Tx): Promise<boolean> {
  return getSetting(db, "faq.public");
}

/** Languages to show an article in, best first: the reader's, then the desk's default. */
export async function languageOrder(db: Tx, language: string | null | undefined): Promise<string[]> {
  const desk = await getSetting(db, "system.default_language");
  const known = (l: string | null | undefined): l is string => !!l && (FAQ_LANGUAGES as readonly string[]).includes(l);
  return [...new Set([language, desk, "en"].filter(known))];
}

/** Admins always edit the FAQ; agents when the admin gave them `faq_editor`. Read fresh, like every permission. */
export async function isFaqEditor(db: Tx, actor: Actor): Promise<boolean> {
  if (actor.role === "admin") return true;
  if (actor.role !== "agent") return false;
  const [row] = await db.select({ editor: users.faqEditor }).from(users).where(eq(users.id, actor.id)).limit(1);
  return row?.editor ?? false;
}

export async function requireFaqEditor(db: Tx, actor: Actor): Promise<void> {
  if (!(await isFaqEditor(db, actor))) throw new AppError("FORBIDDEN", "errors.faqEditorsOnly");
}

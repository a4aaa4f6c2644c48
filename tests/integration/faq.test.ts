import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, faqArticles, faqAttachments, faqHistory, users } from "@/db/schema";
import { MARK_END, MARK_START } from "@/server/schemas/search";
import { faqAttachmentFor } from "@/server/services/faq/files";
import { getFaqArticle, searchFaq, suggestFaq } from "@/server/services/faq/read";
import { setSetting } from "@/server/services/settings";
import { acceptUpload } from "@/server/services/uploads";
import { callerFor } from "../helpers/caller";
import { createFaq, createFaqCategory, faqAuthor } from "../helpers/faq";
import { settle } from "../helpers/refusals";
import { firstArticle } from "../helpers/zoom";
import { actorOf, createAgent, createCustomer, createQueue, createTicket } from "../factories";

type UserRow = typeof users.$inferSelect;
const tag = () => `zq${Math.random().toString(36).slice(2, 9)}`;
const ids = (items: { id: number }[]) => items.map((i) => i.id).sort((a, b) => a - b);

let customer: UserRow;
let agent: UserRow;

beforeAll(async () => {
  customer = await createCustomer();
  agent = await createAgent();
});

afterEach(async () => {
  await setSetting(db, "system.default_language", "en");
});

describe("FAQ visibility", () => {
  it("internal articles reach agents only, customers' articles signed-in users, drafts and archived nobody but editors", async () => {
    const word = tag();
    const text = (v: string): Record<string, [string, string]> => ({ en: [`${v} ${word}`, `How to fix ${word} (${v}).`] });
    const internal = await createFaq({ visibility: "internal", texts: text("internal") });
    const customers = await createFaq({ visibility: "customers", texts: text("customers") });
    const open = await createFaq({ visibility: "public", texts: text("public") });
    const draft = await createFaq({ visibility: "public", state: "draft", texts: text("draft") });
    const archived = await createFaq({ visibility: "public", state: "archived", texts: text("archived") });

    expect(ids(await callerFor(agent).faq.search({ query: word }))).toEqual(ids([internal, customers, open]));
    expect(ids(await callerFor(customer).faq.search({ query: word }))).toEqual(ids([customers, open]));
    expect(ids(await searchFaq(db, null, "en", { query: word }))).toEqual([open.id]);
    expect(ids(await callerFor(customer).faq.suggest({ subject: `my ${word}`, body: "broken" }))).toEqual(ids([customers, open]));
    expect(ids(await suggestFaq(db, null, "en", { subject: word }))).toEqual([open.id]);
    expect(ids((await callerFor(customer).faq.list({ limit: 100 })).items).filter((id) => [internal, customers, open, draft, archived].some((a) => a.id === id))).toEqual(ids([customers, open]));

    for (const hidden of [internal, draft, archived]) {
      expect((await settle(callerFor(customer).faq.get({ id: hidden.id }))).outcome).toBe("NOT_FOUND");
      await expect(getFaqArticle(db, null, "en", hidden.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const admin = await faqAuthor();
    for (const hidden of [draft, archived]) {
      expect((await settle(callerFor(agent).faq.get({ id: hidden.id }))).outcome).toBe("NOT_FOUND");
      expect((await settle(callerFor(admin).faq.get({ id: hidden.id }))).outcome).toBe("NOT_FOUND");
      expect(await callerFor(admin).faqEditor.articleGet({ id: hidden.id })).toMatchObject({ id: hidden.id });
    }
    expect((await settle(callerFor(customer).faq.vote({ id: internal.id, kind: "solved" }))).outcome).toBe("NOT_FOUND");
    expect(await callerFor(agent).faq.get({ id: internal.id })).toMatchObject({ title: `internal ${word}` });
  });

  it("editing needs faq_editor: an agent without it is refused, the admin grants it (audited) and the agent can publish", async () => {
    const admin = await faqAuthor();
    const writer = await createAgent();
    const { id: categoryId } = await callerFor(admin).faqEditor.categorySave({ names: { en: `Cat ${tag()}` } });
    const input = { categoryId, visibility: "customers" as const, translations: [{ language: "en" as const, title: "Printer jams", body: "Open **tray 2**." }] };
    expect((await settle(callerFor(writer).faqEditor.articleCreate(input))).outcome).toBe("FORBIDDEN");

    await callerFor(admin).adminDirectory.agentUpdate({ id: writer.id, name: writer.name, email: writer.email, role: "agent", faqEditor: true });
    const created = await callerFor(writer).faqEditor.articleCreate(input);
    const published = await callerFor(writer).faqEditor.articleSetState({ id: created.id, version: created.version, state: "published" });
    await callerFor(writer).faqEditor.articleUpdate({ ...input, id: created.id, version: published.version, translations: [...input.translations, { language: "de", title: "Druckerstau", body: "Fach 2 öffnen." }] });
    expect((await settle(callerFor(writer).faqEditor.articleSetState({ id: created.id, version: published.version, state: "archived" }))).outcome).toBe("CONFLICT");

    const [row] = await db.select().from(faqArticles).where(eq(faqArticles.id, created.id));
    expect(row).toMatchObject({ state: "published", createdBy: writer.id, changedBy: writer.id, version: 2 });
    const shown = await callerFor(customer).faq.get({ id: created.id });
    expect(shown.html).toContain("<strong>tray 2</strong>");
    const history = await callerFor(writer).faqEditor.history({ id: created.id });
    expect(history.map((h) => [h.action, h.language])).toEqual([["translation_add", "de"], ["publish", null], ["create", null]]);
    expect(await db.select().from(faqHistory).where(eq(faqHistory.articleId, created.id))).toHaveLength(3);
    const [grant] = await db.select().from(auditLog).where(and(eq(auditLog.entity, "agent"), eq(auditLog.entityId, String(writer.id))));
    expect(grant).toMatchObject({ action: "update", actorId: admin.id, before: { faqEditor: false }, after: { faqEditor: true } });
  });

  it("article bodies are sanitised like mail", async () => {
    const a = await createFaq({ texts: { en: ["Sanitised", `Hello <script>alert(1)</script><img src=x onerror=alert(2)> [link](javascript:alert(3)) <a href="https://example.org" onclick="x()">ok</a>`] } });
    const shown = await callerFor(customer).faq.get({ id: a.id });
    expect(shown.html).not.toMatch(/script|onerror|onclick|javascript:/i);
    expect(shown.html).toContain('href="https://example.org"');
  });
});

describe("FAQ attachments", () => {
  it("files come with the article: readers of a published article get them, nobody else (visitors only on the public FAQ)", async () => {
    const admin = await faqAuthor();
    const upload = await acceptUpload(db, actorOf(admin), { filename: "steps.txt", bytes: new TextEncoder().encode("Step one: open the tray.\n") });
    const { id: categoryId } = await callerFor(admin).faqEditor.categorySave({ names: { en: `Files ${tag()}` } });
    const created = await callerFor(admin).faqEditor.articleCreate({ categoryId, visibility: "public", translations: [{ language: "en", title: "With a file", body: "See the file." }], uploadIds: [upload.id] });
    const [file] = await db.select().from(faqAttachments).where(eq(faqAttachments.articleId, created.id));
    expect(file).toMatchObject({ filename: upload.filename });
    await expect(faqAttachmentFor(db, customerActor(), file!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await faqAttachmentFor(db, actorOf(admin), file!.id)).toMatchObject({ filename: upload.filename });

    await callerFor(admin).faqEditor.articleSetState({ id: created.id, version: created.version, state: "published" });
    expect(await faqAttachmentFor(db, customerActor(), file!.id)).toMatchObject({ filename: upload.filename });
    expect((await callerFor(customer).faq.get({ id: created.id })).attachments).toEqual([expect.objectContaining({ id: file!.id })]);
    await setSetting(db, "faq.public", false);
    await expect(faqAttachmentFor(db, null, file!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setSetting(db, "faq.public", true);
    expect(await faqAttachmentFor(db, null, file!.id)).toMatchObject({ filename: upload.filename });
    await setSetting(db, "faq.public", false);
  });
});

describe("FAQ languages", () => {
  it("shows the reader's translation, else the desk's default language", async () => {
    const word = tag();
    const a = await createFaq({ texts: { en: [`Reset password ${word}`, "English body"], de: [`Passwort zurücksetzen ${word}`, "Deutscher Text"] } });
    const reader = (language: string) => callerFor({ ...customerActor(), language });
    expect(await reader("de").faq.get({ id: a.id })).toMatchObject({ language: "de", title: `Passwort zurücksetzen ${word}` });
    expect(await reader("pl").faq.get({ id: a.id })).toMatchObject({ language: "en", title: `Reset password ${word}` });
    expect((await reader("pl").faq.search({ query: word }))[0]).toMatchObject({ id: a.id, language: "en" });

    await setSetting(db, "system.default_language", "de");
    expect(await reader("pl").faq.get({ id: a.id })).toMatchObject({ language: "de" });
    expect((await reader("fa").faq.suggest({ subject: word }))[0]).toMatchObject({ id: a.id, language: "de" });
    expect(await getFaqArticle(db, null, "pl", a.id)).toMatchObject({ language: "de" });
  });
});

describe("FAQ search", () => {
  it.each([
    ["Polish", "Zażółć gęślą jaźń w Łodzi", "zazolc gesla", "ŁODZI"],
    ["German", "Größe der Straße übersehen", "grosse strasse", "UBERSEHEN"],
    ["Persian", "كتاب ي مي‌خواهم", "کتاب", "یکی میخواهم"],
  ])("folds %s letter variants like ticket search", async (_family, title, query, another) => {
    const word = tag();
    const a = await createFaq({ texts: { en: [`${title} ${word}`, `Body ${word}`] } });
    const found = await callerFor(customer).faq.search({ query: `${query} ${word}` });
    expect(found.map((f) => f.id)).toContain(a.id);
    expect(found.find((f) => f.id === a.id)!.titleMarked).toContain(MARK_START);
    const loose = await callerFor(customer).faq.suggest({ subject: `${another} ${word}` });
    expect(loose[0]?.id).toBe(a.id);
  });

  it("ranks the article matching more of the typed words first and marks the matches", async () => {
    const word = tag();
    const weak = await createFaq({ texts: { en: [`Toner ${word}`, "Replace the cartridge."] } });
    const strong = await createFaq({ texts: { en: [`Printer toner ${word} streaks`, "When the printer shows streaks, shake the toner."] } });
    const hits = await callerFor(customer).faq.suggest({ subject: "Printer streaks", body: `My printer prints streaks, toner ${word}` });
    expect(hits.map((h) => h.id).slice(0, 2)).toEqual([strong.id, weak.id]);
    expect(hits[0]!.snippet).toContain(`${MARK_START}`);
    expect(hits[0]!.snippet).toContain(MARK_END);
  });

  it("suggestions go by the typed words few articles hold, not the ones most share", async () => {
    const common = tag();
    const rare = tag();
    const { id: categoryId } = await createFaqCategory();
    for (let i = 0; i < 55; i++) await createFaq({ categoryId, texts: { en: [`${common} topic ${i}`, `About ${common}.`] } });
    const wanted = await createFaq({ categoryId, texts: { en: [`${common} ${rare}`, `Only here: ${rare}.`] } });
    const hits = await callerFor(customer).faq.suggest({ subject: `${common} ${common}`, body: `and ${rare} please` });
    expect(hits.map((h) => h.id)).toEqual([wanted.id]);
  });

  it("'this solved it' and 'helpful' are counted per article; views when read", async () => {
    const a = await createFaq({ visibility: "customers", texts: { en: [`Counted ${tag()}`, "Body"] } });
    await callerFor(customer).faq.vote({ id: a.id, kind: "solved" });
    await callerFor(customer).faq.vote({ id: a.id, kind: "solved" });
    await callerFor(customer).faq.vote({ id: a.id, kind: "helpful" });
    await getFaqArticle(db, customerActor(), "en", a.id, { countView: true });
    const [row] = await db.select().from(faqArticles).where(eq(faqArticles.id, a.id));
    expect(row).toMatchObject({ solved: 2, helpful: 1, views: 1 });
    const listed = await callerFor(await faqAuthor()).faqEditor.articleList({ search: "Counted" });
    expect(listed.items.find((i) => i.id === a.id)).toMatchObject({ solved: 2, helpful: 1, views: 1 });
  });
});

describe("FAQ from the zoom", () => {
  it("an agent turns an answer into an internal draft that readers do not see", async () => {
    const queue = await createQueue();
    const seer = await createAgent({ queues: [queue], permissions: ["ro"] });
    await createFaq({ texts: { en: [`Seed ${tag()}`, "x"] } });
    const ticket = await createTicket({ customer, queue, title: "Cannot log in", body: `Clear the cookies ${tag()}` });
    const articleId = await firstArticle({ ticketId: ticket.id } as Parameters<typeof firstArticle>[0]);
    const draft = await callerFor(seer).faq.draftFromTicket({ ticketId: ticket.id, articleId });
    const editorView = await callerFor(await faqAuthor()).faqEditor.articleGet({ id: draft.id });
    expect(editorView).toMatchObject({ state: "draft", visibility: "internal", sourceTicketId: ticket.id, translations: [expect.objectContaining({ title: "Cannot log in" })] });
    expect((await settle(callerFor(seer).faq.get({ id: draft.id }))).outcome).toBe("NOT_FOUND");
    const stranger = await createAgent();
    expect((await settle(callerFor(stranger).faq.draftFromTicket({ ticketId: ticket.id, articleId }))).outcome).toBe("NOT_FOUND");
  });
});

function customerActor() {
  return { id: customer.id, role: "customer" as const, email: customer.email, name: customer.name, language: "en", timeZone: "UTC", companyId: null, seesCompanyTickets: false, preferGregorian: false };
}

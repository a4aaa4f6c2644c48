import { expect, test, type Page } from "./fixtures";
import { openPortalTicket, signedIn, withDatabase } from "./journey-helpers";

/**
 * The FAQ end to end: an editor writes and publishes an article in two languages, a customer
 * typing a new request is offered it and says it solved the problem (nothing is sent), an agent
 * inserts it into a reply, and an anonymous crawl of the public FAQ finds nothing internal.
 */

const word = `Quokka${Date.now().toString(36)}`;
const TITLE = `Printer ${word} prints blank pages`;
const BODY = `Open the **${word}** tray and remove the protective tape from the toner.`;
const TITLE_DE = `Drucker ${word} druckt leere Seiten`;

async function articleId(title: string): Promise<number> {
  return withDatabase(async (sql) => {
    const [row] = await sql<{ id: string }[]>`select article_id as id from faq_translations where title = ${title}`;
    if (!row) throw new Error(`no FAQ article "${title}"`);
    return Number(row.id);
  });
}

async function writeArticle(editor: Page, opts: { category: string; visibility: string; texts: { language: string; title: string; body: string }[] }) {
  await editor.goto("/agent/faq/manage/new");
  await editor.getByLabel("Category").selectOption({ label: opts.category });
  await editor.getByLabel("Visible to").selectOption({ label: opts.visibility });
  for (const text of opts.texts) {
    await editor.getByRole("tab", { name: text.language }).click();
    const panel = editor.getByRole("tabpanel");
    await panel.getByLabel("Title").fill(text.title);
    await panel.getByLabel("Answer (Markdown)").fill(text.body);
  }
  await editor.getByRole("button", { name: "Create draft" }).click();
  await expect(editor).toHaveURL(/\/agent\/faq\/manage\/\d+$/);
  await expect(editor.getByText("Draft", { exact: true })).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test("an editor writes an article in English and German and publishes it", async ({ browser }) => {
  const editor = await signedIn(browser, "admin@example.com");
  await editor.goto("/agent/faq/manage/categories");
  await editor.getByRole("button", { name: "New category" }).click();
  await editor.getByLabel("Name in English").fill(`Printing ${word}`);
  await editor.getByLabel("Name in German").fill(`Drucken ${word}`);
  await editor.getByRole("button", { name: "Create" }).click();
  await expect(editor.getByRole("cell", { name: `Printing ${word}`, exact: true })).toBeVisible();

  await writeArticle(editor, {
    category: `Printing ${word}`,
    visibility: "Everyone",
    texts: [
      { language: "English", title: TITLE, body: BODY },
      { language: "German", title: TITLE_DE, body: `Öffnen Sie das Fach **${word}** und entfernen Sie das Schutzband.` },
    ],
  });
  await editor.getByRole("button", { name: "Publish" }).click();
  await expect(editor.getByText("Article published")).toBeVisible();
  await expect(editor.getByText("Published", { exact: true })).toBeVisible();
  await expect(editor.getByText("created the article")).toBeVisible();
  await expect(editor.getByText("published it")).toBeVisible();

  await editor.goto("/agent/faq/manage");
  const row = editor.getByRole("row").filter({ hasText: TITLE });
  await expect(row).toContainText("DE, EN");
  await expect(row).toContainText("Published");
});

test("a customer typing a new request is offered the article and marks that it solved the problem, without sending", async ({ browser }) => {
  const customer = await signedIn(browser, "customer2@example.com");
  await customer.goto("/portal/tickets/new");
  const subject = `My printer ${word} gives empty pages`;
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill("Since this morning every page comes out blank.");
  const offered = customer.getByRole("region", { name: "These articles may answer your question" });
  await expect(offered.getByRole("link", { name: TITLE })).toBeVisible();
  await offered.getByRole("listitem").filter({ hasText: TITLE }).getByRole("button", { name: "This solved it" }).click();
  await expect(customer.getByText("Glad that helped")).toBeVisible();

  const id = await articleId(TITLE);
  await withDatabase(async (sql) => {
    const [article] = await sql<{ solved: string }[]>`select solved from faq_articles where id = ${id}`;
    expect(Number(article!.solved)).toBe(1);
    const sent = await sql`select id from tickets where title = ${subject}`;
    expect(sent).toHaveLength(0);
  });

  const editor = await signedIn(browser, "admin@example.com");
  await editor.goto(`/agent/faq/manage/${id}`);
  await expect(editor.getByText("Solved it: 1")).toBeVisible();
});

test("an agent inserts an FAQ answer into a reply", async ({ browser }) => {
  const customer = await signedIn(browser, "customer@example.com");
  await openPortalTicket(customer, `Blank pages ${word}`);
  const ticketId = /\/portal\/tickets\/(\d+)/.exec(customer.url())![1];

  const agent = await signedIn(browser, "agent@example.com");
  await agent.goto(`/agent/tickets/${ticketId}`);
  await agent.getByRole("button", { name: "FAQ answer" }).click();
  const dialog = agent.getByRole("dialog", { name: "Insert an FAQ answer" });
  await dialog.getByLabel("Search the FAQ").fill(`${word} blank`);
  await dialog.getByRole("listitem").filter({ hasText: TITLE }).getByRole("button", { name: "Insert text" }).click();
  await expect(dialog).toBeHidden();
  const reply = agent.getByRole("textbox", { name: "Reply", exact: true });
  await expect(reply).toHaveValue(new RegExp(`${TITLE}[\\s\\S]*remove the protective tape`));
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();

  await customer.reload();
  await expect(customer.getByText("remove the protective tape from the toner")).toBeVisible();
});

test("anonymous visitors find the public FAQ only once it is on, and a crawl of every link finds no internal or draft article", async ({ browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  expect((await anonymous.goto("/faq"))!.status()).toBe(404);

  const editor = await signedIn(browser, "admin@example.com");
  const secret = `Secret${word}`;
  await writeArticle(editor, { category: `Printing ${word}`, visibility: "Agents only", texts: [{ language: "English", title: `Internal ${secret}`, body: `Internal ${secret}` }] });
  await editor.getByRole("button", { name: "Publish" }).click();
  await expect(editor.getByText("Article published")).toBeVisible();
  const internalId = await articleId(`Internal ${secret}`);
  await writeArticle(editor, { category: `Printing ${word}`, visibility: "Signed-in customers", texts: [{ language: "English", title: `Customers ${secret}`, body: `Customers ${secret}` }] });
  await editor.getByRole("button", { name: "Publish" }).click();
  await expect(editor.getByText("Article published")).toBeVisible();
  await writeArticle(editor, { category: `Printing ${word}`, visibility: "Everyone", texts: [{ language: "English", title: `Draft ${secret}`, body: `Draft ${secret}` }] });
  const draftId = await articleId(`Draft ${secret}`);

  await editor.goto("/admin/settings");
  await editor.getByLabel("Public FAQ").check();
  await editor.getByRole("button", { name: "Save settings" }).click();
  await expect(editor.getByText("1 setting was saved.")).toBeVisible();

  // Other server processes see a changed setting within the configuration cache's few seconds.
  await expect.poll(async () => (await anonymous.goto("/faq"))!.status(), { timeout: 20_000 }).toBe(200);
  const seen = new Set<string>();
  const queue = ["/faq", `/faq?q=${encodeURIComponent(word)}`, `/faq?q=${encodeURIComponent(secret)}`];
  let foundPublic = false;
  while (queue.length > 0 && seen.size < 300) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await anonymous.goto(path);
    expect(response!.status(), path).toBe(200);
    const text = await anonymous.locator("body").innerText();
    expect(text, path).not.toContain(secret);
    if (text.includes(TITLE)) foundPublic = true;
    for (const href of await anonymous.locator("a[href^='/faq']").evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) {
      if (!seen.has(href)) queue.push(href);
    }
  }
  expect(foundPublic).toBe(true);
  expect([...seen].some((p) => /^\/faq\/\d+$/.test(p))).toBe(true);
  for (const hidden of [internalId, draftId]) expect((await anonymous.goto(`/faq/${hidden}`))!.status()).toBe(404);
});

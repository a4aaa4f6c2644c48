import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "./fixtures";
import { pdfText } from "../helpers/pdf-text";
import { signedIn, withDatabase } from "./journey-helpers";

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = await (download as Download).path();
  return { name: download.suggestedFilename(), text: (await pdfText(new Uint8Array(await readFile(file)))).flat };
}

test("an agent prints a ticket to PDF from the zoom; the customer downloads theirs from the portal without internal notes", async ({ browser }) => {
  const stamp = Date.now();
  const subject = `Drukarka nie działa — Größe (${stamp})`;
  const request = "Zażółć gęślą jaźń: the printer in Łódź prints nothing. Grüße aus Köln.";
  const note = `SECRET note: replace the fuser (${stamp})`;
  const answer = `Dzień dobry, a technician comes tomorrow (${stamp}).`;

  const customer = await signedIn(browser, "customer@example.com");
  await customer.goto("/portal/tickets/new");
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill(request);
  await customer.getByRole("button", { name: "Create ticket" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const ticketId = customer.url().match(/\/portal\/tickets\/(\d+)/)![1];
  const number = await withDatabase(async (sql) => (await sql<{ number: string }[]>`select number from tickets where id = ${Number(ticketId)}`)[0]!.number);
  await expect(customer.getByRole("main").getByText(`#${number}`)).toBeVisible();

  const agent = await signedIn(browser, "agent@example.com");
  await agent.goto(`/agent/tickets/${ticketId}`);
  await expect(agent.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await agent.getByRole("tab", { name: "Internal note" }).click();
  await agent.getByRole("textbox", { name: "Note", exact: true }).fill(note);
  await agent.getByRole("button", { name: "Add note" }).click();
  await expect(agent.getByRole("article").filter({ hasText: note })).toBeVisible();
  await agent.getByRole("tab", { name: "Reply to customer" }).click();
  await agent.getByRole("textbox", { name: "Reply", exact: true }).fill(answer);
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByRole("article").filter({ hasText: answer })).toBeVisible();

  const printed = await downloaded(agent, () => agent.getByRole("link", { name: "Print / PDF" }).click());
  expect(printed.name).toBe(`ticket-${number}.pdf`);
  expect(printed.text).toContain(`Ticket #${number}`);
  expect(printed.text).toContain(subject);
  expect(printed.text).toContain(request);
  expect(printed.text).toContain(note);
  expect(printed.text).toContain("Internal note");
  expect(printed.text).toContain(answer);
  expect(printed.text.indexOf(request)).toBeLessThan(printed.text.indexOf(note));
  expect(printed.text.indexOf(note)).toBeLessThan(printed.text.indexOf(answer));

  await customer.reload();
  await expect(customer.getByRole("article").filter({ hasText: answer })).toBeVisible();
  const own = await downloaded(customer, () => customer.getByRole("link", { name: "Download PDF" }).click());
  expect(own.name).toBe(`ticket-${number}.pdf`);
  expect(own.text).toContain(number);
  expect(own.text).toContain(request);
  expect(own.text).toContain(answer);
  expect(own.text).not.toContain("SECRET");
  expect(own.text).not.toContain("Internal note");

  // Someone else's ticket: the same answer as no ticket at all.
  const stranger = await signedIn(browser, "customer2@example.com");
  const refused = await stranger.request.get(`/api/pdf/tickets/${ticketId}`);
  expect(refused.status()).toBe(404);
});

test("an agent downloads the list's selection as one PDF", async ({ browser }) => {
  const agent = await signedIn(browser, "agent@example.com");
  const rows = agent.getByRole("row").filter({ has: agent.getByRole("checkbox") });
  await rows.nth(1).getByRole("checkbox").check();
  await rows.nth(2).getByRole("checkbox").check();
  const bulk = await downloaded(agent, () => agent.getByRole("link", { name: "One PDF" }).click());
  expect(bulk.name).toMatch(/^tickets-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(bulk.text.match(/Ticket #\d+/g)?.length).toBeGreaterThanOrEqual(2);
});

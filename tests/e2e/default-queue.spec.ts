import { expect, test, type Page } from "./fixtures";
import postgres from "postgres";
import { databaseUrl, DEMO_PASSWORD, pipe } from "./journey-helpers";

async function signInAsAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill("admin@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agent\/tickets$/);
}

/** The queue the ticket with this number is in, read back from the desk's database. */
async function queueOf(number: string): Promise<string | undefined> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ name: string }[]>`select q.name from tickets t join queues q on q.id = t.queue_id where t.number = ${number}`;
    return rows[0]?.name;
  } finally {
    await sql.end();
  }
}

test("an admin gives a customer a default queue and the customer's next mail lands in that queue", async ({ page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const name = `Quinn Queue ${stamp}`;
  const email = `quinn-${stamp}@customer.example`;
  const subject = `Invoice 4711 is wrong (${stamp})`;

  // The admin creates the customer, then sets its default queue in the edit dialog.
  await signInAsAdmin(page);
  await page.goto("/admin/customers");
  await page.getByRole("button", { name: "New customer" }).click();
  const create = page.getByRole("dialog", { name: "New customer" });
  await create.getByRole("textbox", { name: "Name" }).fill(name);
  await create.getByRole("textbox", { name: "E-mail" }).fill(email);
  await create.getByRole("button", { name: "Create customer" }).click();
  await expect(create).toBeHidden();

  await page.getByLabel("Search by name or e-mail").fill(email);
  await page.getByRole("group", { name: `Actions for ${name}` }).getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: `Edit customer ${name}` });
  await edit.getByLabel("Default queue").selectOption({ label: "Sales" });
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText("Customer saved")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("cell", { name: "Sales", exact: true })).toBeVisible();

  // The customer writes to the desk's support address (which routes to Support): the customer's
  // own default queue is the more specific rule and wins.
  const raw = [
    `From: ${name} <${email}>`,
    "To: Example Help Desk <support@example.com>",
    `Subject: ${subject}`,
    `Message-ID: <invoice-${stamp}@customer.example>`,
    `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "The amount on invoice 4711 is twice what we ordered.",
    "",
  ].join("\r\n");
  const piped = await pipe(raw);
  expect(piped).toMatchObject({ outcome: "created", ticketNumber: expect.stringMatching(/^\d+$/) });
  expect(await queueOf(piped.ticketNumber!)).toBe("Sales");

  // An agent with access sees it in the Sales queue.
  await page.goto("/agent/tickets");
  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByRole("main").getByText("Sales", { exact: true }).first()).toBeVisible();
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "./fixtures";
import postgres from "postgres";

async function signedIn(browser: Browser, email: string, password = "demo1234"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/(agent|portal)\/tickets$/);
  return page;
}

/** The browser tests' database (tests/e2e/server.ts): the same cluster, read from its password file. */
function e2eDatabaseUrl(): string {
  if (process.env.TEST_DATABASE_URL) {
    const u = new URL(process.env.TEST_DATABASE_URL);
    u.pathname = "/helpdesk_e2e";
    return u.toString();
  }
  const port = process.env.E2E_PG_PORT ?? "5496";
  const password = readFileSync(path.resolve(".test-data", `e2e-${port}`, "pg-password"), "utf8").trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/helpdesk_e2e`;
}

/**
 * Queue administration belongs to the configuration pages: through /admin/queues when the build
 * has it, otherwise straight into the database, as a queue service would.
 */
async function createQueueInGroup(admin: Page, name: string, groupName: string): Promise<void> {
  const queuesPage = await admin.request.get("/admin/queues", { maxRedirects: 0 });
  if (queuesPage.status() === 200) {
    await admin.goto("/admin/queues");
    await admin.getByRole("button", { name: "New queue" }).click();
    const dialog = admin.getByRole("dialog", { name: "New queue" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await dialog.getByRole("combobox", { name: "Group", exact: true }).selectOption({ label: groupName });
    await dialog.getByRole("button", { name: "Create", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByRole("list", { name: "Queue tree" })).toContainText(name);
    return;
  }
  const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await sql`
      insert into queues (name, group_id, default_next_state_id)
      select ${name}, g.id, s.id from groups g, states s where g.name = ${groupName} and s.name = 'open'`;
  } finally {
    await sql.end();
  }
}

test("an admin gives an agent ro on a new queue: the agent sees its tickets but cannot reply; after rw it can", async ({ browser }) => {
  const stamp = Date.now();
  const groupName = `field-service-${stamp}`;
  const queueName = `Field service ${stamp}`;
  const roleName = `Field technicians ${stamp}`;
  const agentName = `Tara Tech ${stamp}`;
  const agentEmail = `tara.${stamp}@example.com`;
  const subject = `Boiler in hall B is leaking (${stamp})`;

  const admin = await signedIn(browser, "admin@example.com");

  // A group…
  await admin.goto("/admin/groups");
  await admin.getByRole("button", { name: "New group" }).click();
  let dialog = admin.getByRole("dialog", { name: "New group" });
  await dialog.getByLabel("Name").fill(groupName);
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(admin.getByText("Group created")).toBeVisible();
  await expect(admin.getByRole("cell", { name: groupName, exact: true })).toBeVisible();

  // …a queue in it…
  await createQueueInGroup(admin, queueName, groupName);

  // …an agent with a password…
  await admin.goto("/admin/agents");
  await admin.getByRole("button", { name: "New agent" }).click();
  dialog = admin.getByRole("dialog", { name: "New agent" });
  await dialog.getByLabel("Name").fill(agentName);
  await dialog.getByLabel("E-mail address").fill(agentEmail);
  await dialog.getByLabel("Password").fill("tara-secret-1");
  await dialog.getByRole("button", { name: "Create agent" }).click();
  await expect(admin.getByText("Agent created")).toBeVisible();

  // …and a role with the agent in it.
  await admin.goto("/admin/roles");
  await admin.getByRole("button", { name: "New role" }).click();
  dialog = admin.getByRole("dialog", { name: "New role" });
  await dialog.getByLabel("Name").fill(roleName);
  await dialog.getByRole("button", { name: "Create role" }).click();
  await expect(admin.getByText("Role created")).toBeVisible();
  await admin.getByRole("group", { name: `Actions for ${roleName}` }).getByRole("button", { name: "Members" }).click();
  dialog = admin.getByRole("dialog", { name: `Members of ${roleName}` });
  await dialog.getByLabel("Add an agent").fill(agentEmail);
  await dialog.getByRole("button", { name: `Add ${agentName}` }).click();
  await expect(dialog.getByRole("list", { name: "Current members" })).toContainText(agentName);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByText("Members saved")).toBeVisible();

  // The role gets ro in the group, on the permissions page.
  await admin.goto("/admin/permissions");
  await admin.getByLabel("Group", { exact: true }).selectOption({ label: groupName });
  const roleRow = admin.getByRole("group", { name: `Permissions of role ${roleName} in ${groupName}` });
  const ro = roleRow.getByRole("checkbox", { name: "ro", exact: true });
  await ro.check();
  // Each tick saves at once; the checkboxes stay locked until the save is done.
  await expect(ro).toBeEnabled();
  await expect(ro).toBeChecked();
  await expect(admin.getByText("Permissions saved")).toBeVisible();
  await expect(admin.getByText(`Queues in this group: ${queueName}.`)).toBeVisible();

  // A customer opens a ticket in the new department.
  const customer = await signedIn(browser, "customer@example.com");
  await customer.goto("/portal/tickets/new");
  await customer.getByLabel("Department").selectOption({ label: queueName });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill("Water on the floor next to the boiler since this morning.");
  await customer.getByRole("button", { name: "Create ticket" }).click();
  await expect(customer.getByRole("status").filter({ hasText: "Your ticket number is" })).toBeVisible();
  const ticketPath = new URL(customer.url()).pathname.replace("/portal/", "/agent/");

  // With ro the agent sees the ticket, but there is no reply (nor note) to write.
  const agent = await signedIn(browser, agentEmail, "tara-secret-1");
  await agent.getByLabel("Queue").selectOption({ label: queueName });
  await agent.getByRole("link", { name: subject }).click();
  await expect(agent.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(agent).toHaveURL(new RegExp(`${ticketPath}$`));
  await expect(agent.getByRole("textbox", { name: "Reply", exact: true })).toHaveCount(0);
  await expect(agent.getByRole("tab", { name: "Reply" })).toHaveCount(0);

  // The admin grants rw; the agent's next load offers the reply, and it goes out.
  const rw = roleRow.getByRole("checkbox", { name: "rw", exact: true });
  await rw.check();
  await expect(rw).toBeEnabled();
  await expect(rw).toBeChecked();
  await agent.reload();
  const answer = `A technician is on the way (${stamp}).`;
  await agent.getByRole("textbox", { name: "Reply", exact: true }).fill(answer);
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();
  await expect(agent.getByRole("article").filter({ hasText: answer })).toBeVisible();

  // Every step is in the audit log, with who did it.
  await admin.goto("/admin/audit");
  const log = admin.getByRole("table", { name: "Admin changes, newest first" });
  await expect(log.getByRole("row").filter({ hasText: "Permissions changed" }).first()).toContainText("Ada Admin");
  await expect(log.getByRole("row").filter({ hasText: "Permissions changed" }).first()).toContainText("rw");
  await expect(log.getByRole("row").filter({ hasText: "Members changed" }).first()).toContainText(agentEmail);
  await admin.getByLabel("Record type").selectOption({ label: "group" });
  await expect(log.getByRole("row").filter({ hasText: "Permissions changed" })).toHaveCount(0);
  const groupRow = log.getByRole("row").filter({ hasText: groupName });
  await expect(groupRow).toHaveCount(1);
  await expect(groupRow).toContainText("Created");
  await expect(groupRow).toContainText("Ada Admin");
});

test("a group in use cannot be deleted; the admin is told to disable it instead", async ({ browser }) => {
  const admin = await signedIn(browser, "admin@example.com");
  await admin.goto("/admin/groups");
  await admin.getByLabel("Search groups").fill("support");
  await admin.getByRole("group", { name: "Actions for support" }).getByRole("button", { name: "Delete" }).click();
  const dialog = admin.getByRole("dialog", { name: "Delete group support?" });
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog.getByRole("alert")).toContainText("This group is in use");
  await expect(dialog.getByRole("alert")).toContainText("Disable it instead.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(admin.getByRole("cell", { name: "support", exact: true })).toBeVisible();
});

test("an agent who is not an admin cannot open the admin console", async ({ browser }) => {
  const agent = await signedIn(browser, "agent@example.com");
  await agent.goto("/admin/permissions");
  await expect(agent).toHaveURL(/\/agent\/tickets$/);
});

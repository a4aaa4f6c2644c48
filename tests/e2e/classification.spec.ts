import { expect, test, type Page } from "./fixtures";
import postgres from "postgres";
import { databaseUrl, openPortalTicket as openTicket, signedIn } from "./journey-helpers";


async function expectHistory(agent: Page, event: string, value: string) {
  await agent.getByRole("tab", { name: "History" }).click();
  await expect(agent.getByRole("row").filter({ hasText: event }).filter({ hasText: value })).toHaveCount(1);
}

test("an agent sets type and service on one ticket in the zoom and on a bulk of tickets in the queue view; history shows both", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const service = `Printing ${stamp}`;
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await sql`insert into services (name) values (${service})`;
  } finally {
    await sql.end();
  }
  const customer = await signedIn(browser, "customer@example.com");
  const single = `Toner smears ${stamp}`;
  await openTicket(customer, single);
  await openTicket(customer, `Paper jam A ${stamp + 1}`);
  await openTicket(customer, `Paper jam B ${stamp + 1}`);

  // One ticket, in the zoom.
  const agent = await signedIn(browser, "agent@example.com");
  await agent.getByLabel("Number or title").fill(String(stamp));
  // Wait until the filter is in the address (the list follows it): a click before that would be
  // undone by the filter's own navigation.
  await expect(agent.getByRole("table").getByRole("row")).toHaveCount(2);
  await agent.getByRole("table").getByRole("link", { name: single }).click();
  await expect(agent.getByRole("heading", { level: 1, name: single })).toBeVisible();
  const card = agent.getByRole("region", { name: "Type and service" });
  await card.getByLabel("Type").selectOption({ label: "Incident" });
  await card.getByLabel("Service").selectOption({ label: service });
  await card.getByRole("button", { name: "Set type and service" }).click();
  await expect(agent.getByText("Type and service saved")).toBeVisible();
  await expect(card.getByLabel("Type")).toHaveValue(/\d+/);
  await expectHistory(agent, "Type changed", "Incident");
  await expectHistory(agent, "Service changed", service);

  // Two tickets at once, in the queue view: the type changes, the service stays as it is.
  await agent.goto("/agent/tickets");
  await agent.getByLabel("Number or title").fill(String(stamp + 1));
  await expect(agent.getByRole("table").getByRole("row")).toHaveCount(3);
  await agent.getByLabel("Select all tickets on this page").check();
  await agent.getByLabel("Action").selectOption("classify");
  const bulk = agent.getByRole("form", { name: "Act on the selected tickets" });
  await bulk.getByLabel("Type").selectOption({ label: "Problem" });
  await bulk.getByLabel("Service").selectOption({ label: service });
  await bulk.getByRole("button", { name: "Apply to 2 tickets" }).click();
  await expect(agent.getByTestId("bulk-result")).toContainText("2 tickets done, none refused");

  await agent.getByRole("table").getByRole("link", { name: `Paper jam B ${stamp + 1}` }).click();
  await expect(agent.getByRole("heading", { level: 1, name: `Paper jam B ${stamp + 1}` })).toBeVisible();
  await expectHistory(agent, "Type changed", "Problem");
  await expectHistory(agent, "Service changed", service);
});

import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { signedIn, withDatabase } from "./journey-helpers";

/** The desk's test clock (tests/e2e/server.ts): web servers and the worker read this offset. */
const clockFile = path.resolve(`.test-data/e2e/clock-${process.env.E2E_PORT ?? "3100"}`);
const moveClock = (ms: number) => writeFileSync(clockFile, `${ms}\n`);
const DAY = 86_400_000;

test.afterEach(() => moveClock(0));

test("the admin builds tickets created per queue per week for last quarter, sees the chart, saves it, schedules it weekly as PDF, and the job mails the PDF", async ({ browser }) => {
  test.setTimeout(300_000);
  // A quarter on: the demo desk's tickets (created around today) are then last quarter's.
  const ahead = 92 * DAY;
  moveClock(ahead);
  const name = `Created per queue per week ${Date.now()}`;

  const admin = await signedIn(browser, "admin@example.com");
  await admin.goto("/agent/reports");
  await admin.getByRole("tab", { name: "Report builder" }).click();
  await admin.getByLabel("Object").selectOption("tickets");
  await admin.getByLabel("Dimension", { exact: true }).selectOption("queue");
  await admin.getByLabel("Second dimension").selectOption("createdWeek");
  await admin.getByLabel("Period").selectOption("lastQuarter");
  await admin.getByRole("button", { name: "Show report" }).click();

  const chart = admin.getByTestId("report-chart");
  await expect(chart).toBeVisible();
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const table = admin.getByRole("table", { name: /Tickets/ });
  await expect(table.getByRole("columnheader", { name: "Queue" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Week" })).toBeVisible();
  await admin.screenshot({ path: "test-results/reports-builder.png", fullPage: true });

  await admin.getByLabel("Name").fill(name);
  await admin.getByRole("button", { name: "Save report" }).click();
  await expect(admin.getByText("Report saved")).toBeVisible();
  const card = admin.getByRole("region", { name });
  await expect(card).toBeVisible();
  await card.getByLabel("How often").selectOption("weekly");
  await card.getByLabel("Format").selectOption("pdf");
  await card.getByLabel(/Recipients/).fill("boss@example.com, lead@example.com");
  await card.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(admin.getByTestId("schedule-row").filter({ hasText: name })).toContainText("PDF");
  await admin.screenshot({ path: "test-results/reports-saved.png", fullPage: true });

  // The schedule comes due by the desk's clock; the worker's sweep and generate jobs do the rest.
  const [schedule] = await withDatabase((sql) => sql<{ id: string; next: Date }[]>`
    select s.id, s.next_run_at as next from report_schedules s join report_definitions d on d.id = s.report_id where d.name = ${name}`);
  expect(schedule).toBeDefined();
  moveClock(ahead + (schedule!.next.getTime() - (Date.now() + ahead)) + 60_000);

  let mail: { subject: string; to_addresses: string; attachments: { filename: string; contentType: string; sha256: string }[] } | undefined;
  await expect(async () => {
    [mail] = await withDatabase((sql) => sql<NonNullable<typeof mail>[]>`
      select o.subject, o.to_addresses, o.attachments from outbox o join report_runs r on o.idempotency_key = 'report-run:' || r.id
      where r.schedule_id = ${schedule!.id} and o.kind = 'report'`);
    expect(mail).toBeDefined();
  }).toPass({ timeout: 180_000, intervals: [2_000] });
  expect(mail!.to_addresses).toBe("boss@example.com, lead@example.com");
  expect(mail!.subject).toContain(name);
  expect(mail!.attachments).toHaveLength(1);
  expect(mail!.attachments[0]!.contentType).toBe("application/pdf");

  // The kept file is listed with the report and downloads as a PDF.
  await admin.reload();
  await admin.getByRole("tab", { name: "Saved reports" }).click();
  const run = admin.getByRole("region", { name }).getByTestId("report-run").first();
  await expect(run).toContainText("Ready");
  const href = await run.getByRole("link", { name: /Download/ }).getAttribute("href");
  const response = await admin.request.get(href!);
  expect(response.headers()["content-type"]).toContain("application/pdf");
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

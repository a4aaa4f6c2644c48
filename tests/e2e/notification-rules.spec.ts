import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "./fixtures";
import { deskEnv, pipe, signedIn } from "./journey-helpers";

/** The job worker, as `npm run worker` runs it next to the web app; the e2e desk has none of its own. */
function startWorker(): { child: ChildProcess; errors: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { cwd: path.resolve("."), env: { ...deskEnv(), HELPDESK_PROCESS: "worker-e2e" }, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return { child, errors: () => err };
}

test("an admin's notification rule names an agent, and that agent sees the new mailed ticket on the bell", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const ruleName = `Support news for Max (${stamp})`;
  const subject = `Scanner on floor 2 is offline (${stamp})`;

  const admin = await signedIn(browser, "admin@example.com");
  await admin.goto("/admin/notification-rules");
  await expect(admin.getByRole("heading", { level: 1, name: "Notification rules" })).toBeVisible();
  await admin.getByRole("button", { name: "New rule" }).click();
  const dialog = admin.getByRole("dialog", { name: "New notification rule" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(ruleName);
  // Without a recipient the form says what is missing.
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Choose at least one recipient")).toBeVisible();

  await dialog.getByLabel("Event").selectOption({ label: "New ticket" });
  // Escalations fire now that SLAs exist: the event is offered like any other.
  await expect(dialog.getByLabel("Event").locator("option", { hasText: /^Ticket escalated$/ })).toHaveCount(1);
  await dialog.getByRole("searchbox", { name: "Also notify these agents" }).fill("Max");
  await dialog.getByRole("button", { name: "Add Max Müller" }).click();
  await expect(dialog.getByRole("list", { name: "Agents to notify" })).toContainText("Max Müller");
  await dialog.getByRole("checkbox", { name: "E-mail" }).uncheck();
  // support@example.com feeds "Support::1st level".
  await dialog.getByRole("checkbox", { name: "Support::1st level", exact: true }).check();
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();
  const row = admin.getByRole("row").filter({ hasText: ruleName });
  await expect(row).toContainText("Max Müller");
  await expect(row).toContainText("In the app");
  await expect(row).toContainText("Support::1st level");

  // A customer mails the desk's support address; the worker runs the notification job.
  const result = await pipe(
    [
      `From: Nora <nora-${stamp}@customer.example>`,
      "To: Example Help Desk <support@example.com>",
      `Subject: ${subject}`,
      `Message-ID: <scanner-${stamp}@customer.example>`,
      `Date: ${new Date().toUTCString().replace("GMT", "+0000")}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "It shows a red light.",
      "",
    ].join("\r\n"),
  );
  expect(result).toMatchObject({ outcome: "created" });
  const worker = startWorker();
  try {
    const max = await signedIn(browser, "agent3@example.com");
    const bell = max.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await expect(async () => {
      await max.reload();
      await expect(bell).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await bell.click();
    await max.getByRole("link", { name: `New ticket: ${subject}` }).click();
    await expect(max.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  } finally {
    worker.child.kill("SIGTERM");
    if (worker.errors()) console.error(`worker: ${worker.errors()}`);
  }
});

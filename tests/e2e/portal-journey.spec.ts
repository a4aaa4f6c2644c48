import { expect, test, type Page } from "./fixtures";
import { alert, mailedLink, PDF, PNG, register, signIn, signedIn, uniqueEmail } from "./journey-helpers";

/** The admin console's customers page, narrowed to one customer; returns that customer's row actions. */
async function customerRow(admin: Page, email: string, name: string) {
  await admin.goto("/admin/customers");
  await admin.getByLabel("Search by name or e-mail").fill(email);
  const actions = admin.getByRole("group", { name: `Actions for ${name}` });
  await expect(actions).toBeVisible();
  return actions;
}

async function disableCustomer(admin: Page, email: string, name: string) {
  await (await customerRow(admin, email, name)).getByRole("button", { name: "Disable" }).click();
  const dialog = admin.getByRole("dialog", { name: `Disable customer ${name}?` });
  await dialog.getByRole("button", { name: "Disable" }).click();
  await expect(dialog).toBeHidden();
  await expect(admin.getByText("Customer disabled")).toBeVisible();
}

test("a visitor signs up, is approved in the admin console, gets an answer in IT, replies and closes; once disabled, the next click lands on sign-in", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const name = `Paula Portal ${stamp}`;
  const email = uniqueEmail("paula");
  const subject = `Laptop will not dock (${stamp})`;
  const answer = `Please update the dock firmware (${stamp}).`;
  const followUp = `Updated it, the dock works now (${stamp}).`;

  // The admin makes sure sign-ups wait for approval.
  const admin = await signedIn(browser, "admin@example.com");
  await admin.goto("/admin/settings");
  await admin.getByRole("combobox", { name: "Sign-up" }).selectOption({ label: "Approval: an admin approves each sign-up" });
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText(/settings? (was|were) saved|Nothing had changed/)).toBeVisible();

  // The visitor signs up and confirms the address by the mailed link.
  const customer = await (await browser.newContext()).newPage();
  await register(customer, name, email);
  await expect(customer.getByText(/an administrator approves new accounts/)).toBeVisible();
  await customer.goto(await mailedLink(email, "Confirm your e-mail address", "/confirm"));
  await expect(customer).toHaveURL(/\/sign-in\?reason=confirmed_pending$/);

  // The admin approves the sign-up on the customers page.
  const row = await customerRow(admin, email, name);
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByText("Customer approved; they can sign in now")).toBeVisible();
  await expect(row.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The customer signs in and opens a ticket in IT with two attachments.
  await signIn(customer, email);
  await expect(customer).toHaveURL(/\/portal\/tickets$/);
  await customer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New ticket" }).click();
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Message").fill("The laptop does not wake the external screens when docked.");
  await customer.getByLabel("Attach files").setInputFiles([
    { name: "dock.png", mimeType: "image/png", buffer: PNG },
    { name: "dock-report.pdf", mimeType: "application/pdf", buffer: PDF },
  ]);
  await expect(customer.getByRole("list", { name: "Attached files" }).getByText("Attached", { exact: true })).toHaveCount(2);
  await customer.getByRole("button", { name: "Create ticket" }).click();
  const confirmation = customer.getByRole("status").filter({ hasText: "Your ticket number is" });
  await expect(confirmation).toBeVisible();
  const number = (await confirmation.textContent())?.match(/\d{10,}/)?.[0];
  expect(number).toBeTruthy();
  await expect(customer.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(customer.getByRole("link", { name: /dock\.png/ })).toBeVisible();
  await expect(customer.getByRole("link", { name: /dock-report\.pdf/ })).toBeVisible();

  // An agent answers in the agent workspace.
  const agent = await signedIn(browser, "agent@example.com");
  // Straight to the ticket: the queue view's own journeys cover finding it in the list.
  const ticketId = customer.url().match(/\/portal\/tickets\/(\d+)/)?.[1];
  expect(ticketId).toBeTruthy();
  await agent.goto(`/agent/tickets/${ticketId}`);
  await expect(agent.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(agent.getByRole("main").getByText(`#${number}`)).toBeVisible();
  await agent.getByRole("textbox", { name: "Reply", exact: true }).fill(answer);
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByText("Reply sent")).toBeVisible();

  // The customer reads the answer, replies, and closes the ticket.
  await customer.reload();
  await expect(customer.getByRole("article").filter({ hasText: answer })).toBeVisible();
  await customer.getByLabel("Your reply").fill(followUp);
  await customer.getByRole("button", { name: "Send reply" }).click();
  await expect(customer.getByRole("article").filter({ hasText: followUp })).toBeVisible();
  await customer.getByRole("button", { name: "Close ticket" }).click();
  const dialog = customer.getByRole("dialog", { name: "Close this ticket?" });
  await dialog.getByRole("button", { name: "Close ticket" }).click();
  await expect(dialog).toBeHidden();
  await expect(customer.getByRole("button", { name: "Close ticket" })).toHaveCount(0);

  // The closed ticket is found again by its number in My tickets.
  await customer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tickets" }).click();
  await customer.getByRole("navigation", { name: "Show" }).getByRole("link", { name: "Closed" }).click();
  await customer.getByLabel("Search").fill(number!);
  await expect(customer).toHaveURL(new RegExp(`q=${number}`));
  const rows = customer.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(subject);

  // The admin disables the customer: the very next click ends the session with a clear message.
  await disableCustomer(admin, email, name);
  await customer.getByRole("navigation", { name: "Show" }).getByRole("link", { name: "All" }).click();
  await expect(customer).toHaveURL(/\/sign-in\?reason=disabled$/);
  await expect(alert(customer, "Your access has been disabled")).toBeVisible();

  // Enabled again, the customer signs in; disabled in mid-form, the next button press ends it too.
  await (await customerRow(admin, email, name)).getByRole("button", { name: "Enable" }).click();
  await expect(admin.getByText("Customer enabled")).toBeVisible();
  await signIn(customer, email);
  await expect(customer).toHaveURL(/\/portal\/tickets$/);
  await customer.goto("/portal/tickets/new");
  await customer.getByLabel("Department").selectOption({ label: "IT" });
  await customer.getByLabel("Subject").fill(`One more question (${stamp})`);
  await customer.getByLabel("Message").fill("Is there a spare dock?");
  await disableCustomer(admin, email, name);
  await customer.getByRole("button", { name: "Create ticket" }).click();
  await expect(customer).toHaveURL(/\/sign-in\?reason=disabled$/);
  await expect(alert(customer, "Your access has been disabled")).toBeVisible();
});

test("a customer allowed to see the company's tickets switches to them, sees who opened each, and searches by words", async ({ browser }) => {
  const stamp = Date.now();
  const subject = `Projector in room 4 flickers (${stamp})`;
  const colleague = await signedIn(browser, "colleague@example.com");
  await colleague.goto("/portal/tickets/new");
  await colleague.getByLabel("Department").selectOption({ label: "IT" });
  await colleague.getByLabel("Subject").fill(subject);
  await colleague.getByLabel("Message").fill("It flickers every few seconds.");
  await colleague.getByRole("button", { name: "Create ticket" }).click();
  await expect(colleague.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  // The colleague may not see the company's tickets: no switch is offered.
  await colleague.goto("/portal/tickets");
  await expect(colleague.getByRole("navigation", { name: "Whose tickets" })).toHaveCount(0);

  const lead = await signedIn(browser, "customer@example.com");
  await expect(lead.getByRole("link", { name: subject })).toHaveCount(0);
  const whose = lead.getByRole("navigation", { name: "Whose tickets" });
  await whose.getByRole("link", { name: "My company's tickets" }).click();
  await expect(lead).toHaveURL(/scope=company/);
  await expect(whose.getByRole("link", { name: "My company's tickets" })).toHaveAttribute("aria-current", "page");
  const row = lead.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("Piotr Kowalski");
  await expect(row).not.toContainText("colleague@example.com");

  await lead.getByLabel("Search").fill(`projector ${stamp}`);
  await expect(lead).toHaveURL(/q=projector/);
  await expect(lead.getByRole("table").getByRole("row")).toHaveCount(2);
  await lead.getByLabel("Search").fill(`no such words ${stamp}`);
  await expect(lead.getByRole("heading", { name: /No tickets match/ })).toBeVisible();
  await lead.getByRole("link", { name: "Clear search" }).click();
  await expect(lead.getByLabel("Search")).toHaveValue("");
  await expect(lead.getByRole("link", { name: subject })).toBeVisible();
});

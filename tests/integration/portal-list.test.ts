import { describe, expect, it } from "vitest";
import type { ListTicketsInput } from "@/server/schemas/tickets";
import { callerFor } from "../helpers/caller";
import { createCompany, createCustomer, createQueue, createTicket } from "../factories";

type User = Parameters<typeof callerFor>[0];

const list = async (user: User, input: ListTicketsInput) => (await callerFor(user).ticket.list({ limit: 100, ...input })).items;
const ids = async (user: User, input: ListTicketsInput) => (await list(user, input)).map((t) => t.id).sort((a, b) => a - b);

describe("the portal's My tickets list", () => {
  it("a customer's text search never returns another customer's ticket, by title words or by number", async () => {
    const queue = await createQueue();
    const company = await createCompany();
    const word = `zebra${Date.now().toString(36)}`;
    const me = await createCustomer({ companyId: company.id });
    const colleague = await createCustomer({ companyId: company.id });
    const stranger = await createCustomer({ companyId: (await createCompany()).id, seesCompanyTickets: true });
    const mine = await createTicket({ customer: me, queue, title: `Printer ${word} jams` });
    const theirs = await createTicket({ customer: colleague, queue, title: `Printer ${word} jams too` });
    const far = await createTicket({ customer: stranger, queue, title: `Printer ${word} jams as well` });

    for (const scope of [undefined, "own", "company"] as const) {
      expect(await ids(me, { text: word, scope })).toEqual([mine.id]);
      expect(await ids(me, { text: `printer ${word}`, scope })).toEqual([mine.id]);
      // Someone else's exact ticket number finds nothing; one's own number finds the ticket.
      expect(await ids(me, { text: theirs.number, scope })).toEqual([]);
      expect(await ids(me, { text: far.number, scope })).toEqual([]);
      expect(await ids(me, { text: mine.number, scope })).toEqual([mine.id]);
    }
    // The stranger may see company tickets, but not another company's.
    expect(await ids(stranger, { text: word, scope: "company" })).toEqual([far.id]);
    // Words that do not all match find nothing, so the search is not "any word".
    expect(await ids(me, { text: `${word} toaster` })).toEqual([]);
  });

  it("scope company widens the list only for customers allowed to see their company's tickets", async () => {
    const queue = await createQueue();
    const company = await createCompany();
    const lead = await createCustomer({ companyId: company.id, seesCompanyTickets: true });
    const member = await createCustomer({ companyId: company.id });
    const loner = await createCustomer({ seesCompanyTickets: true });
    const a = await createTicket({ customer: lead, queue });
    const b = await createTicket({ customer: member, queue });
    const c = await createTicket({ customer: loner, queue });

    expect(await ids(lead, { scope: "own" })).toEqual([a.id]);
    expect(await ids(lead, { scope: "company" })).toEqual([a.id, b.id].sort((x, y) => x - y));
    // Not allowed: asking for the company changes nothing.
    expect(await ids(member, { scope: "company" })).toEqual([b.id]);
    expect(await ids(loner, { scope: "company" })).toEqual([c.id]);
  });

  it("in the company list a colleague's ticket shows the colleague's name but never their e-mail address", async () => {
    const queue = await createQueue();
    const company = await createCompany();
    const lead = await createCustomer({ companyId: company.id, seesCompanyTickets: true });
    const member = await createCustomer({ companyId: company.id, name: "Morgan Member" });
    const own = await createTicket({ customer: lead, queue });
    const colleagues = await createTicket({ customer: member, queue });

    const rows = await list(lead, { scope: "company" });
    expect(rows.find((r) => r.id === colleagues.id)).toMatchObject({ customerName: "Morgan Member", customerEmail: null });
    expect(rows.find((r) => r.id === own.id)).toMatchObject({ customerEmail: lead.email });
    expect(JSON.stringify(rows)).not.toContain(member.email);
  });

  it("the state filter and the newest-change order are what the portal shows", async () => {
    const queue = await createQueue();
    const me = await createCustomer();
    const first = await createTicket({ customer: me, queue });
    const second = await createTicket({ customer: me, queue });
    await callerFor(me).ticket.close({ ticketId: first.id });

    const open = await list(me, { stateTypes: ["new", "open", "pending_reminder", "pending_auto"], sort: "changed", direction: "desc" });
    expect(open.map((t) => t.id)).toEqual([second.id]);
    const closed = await list(me, { stateTypes: ["closed"], sort: "changed", direction: "desc" });
    expect(closed.map((t) => t.id)).toEqual([first.id]);
    const all = await list(me, { sort: "changed", direction: "desc" });
    expect(all.map((t) => t.id)).toEqual([first.id, second.id]);
    expect(all[0]).toMatchObject({ stateType: "closed", changedAt: expect.any(Date) });
  });
});

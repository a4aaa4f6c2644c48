import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callerFor } from "../helpers/caller";
import { bareService } from "../helpers/admin-config";
import { createAgent, createCompany, createCustomer, createQueue, createTicket } from "../factories";

const token = () => randomUUID().slice(0, 8);

describe("meta.customerLookup", () => {
  it("finds customers by name or e-mail, case- and accent-insensitively, and never an agent", async () => {
    const tok = token();
    const agent = await createAgent();
    const company = await createCompany({ name: `Acme ${tok}` });
    const jose = await createCustomer({ name: `José Ñandú ${tok}`, email: `jn-${tok}@mail.example`, companyId: company.id });
    const byMail = await createCustomer({ name: "Someone Else", email: `Desk.${tok}@Other.example` });
    const lookalike = await createAgent({ values: { name: `José Ñandú ${tok}`, email: `agent-jn-${tok}@mail.example` } });
    const lookup = (query: string) => callerFor(agent).meta.customerLookup({ query });

    const found = await lookup(`JOSE NANDU ${tok}`);
    expect(found).toEqual([{ id: jose.id, name: jose.name, email: jose.email, companyId: company.id, company: company.name }]);
    expect((await lookup(`jn-${tok}@MAIL`)).map((c) => c.id)).toEqual([jose.id]);
    expect((await lookup(`desk.${tok}`)).map((c) => c.id)).toEqual([byMail.id]);
    expect((await lookup(tok)).map((c) => c.id).sort()).toEqual([jose.id, byMail.id].sort());
    expect((await lookup(tok)).map((c) => c.id)).not.toContain(lookalike.id);
    // Wildcards are taken literally.
    expect(await lookup(`%${tok}`)).toEqual([]);
  });

  it("returns at most ten", async () => {
    const tok = token();
    await Promise.all(Array.from({ length: 12 }, (_, i) => createCustomer({ name: `Bulk ${tok} ${String(i).padStart(2, "0")}` })));
    const found = await callerFor(await createAgent()).meta.customerLookup({ query: `bulk ${tok}` });
    expect(found).toHaveLength(10);
    expect(found[0]!.name).toBe(`Bulk ${tok} 00`);
  });

  it("names a chosen customer by id, but not an agent", async () => {
    const agent = await createAgent();
    const customer = await createCustomer();
    const caller = callerFor(agent);
    expect((await caller.meta.customerLookup({ id: customer.id })).map((c) => c.id)).toEqual([customer.id]);
    expect(await caller.meta.customerLookup({ id: agent.id })).toEqual([]);
    await expect(caller.meta.customerLookup({ query: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is refused to customers", async () => {
    const customer = await createCustomer({ name: `Curious ${token()}` });
    await expect(callerFor(customer).meta.customerLookup({ query: "Curious" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(customer).meta.companyLookup({ query: "a" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(customer).meta.agents()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("meta.companyLookup and the company filter", () => {
  it("finds companies by name or customer number, and the list filters on the chosen company", async () => {
    const tok = token();
    const [mine, other] = [await createCompany({ name: `Müller GmbH ${tok}`, customerNumber: `K-${tok}` }), await createCompany({ name: `Other ${tok}` })];
    const queue = await createQueue();
    const agent = await createAgent({ queues: [queue] });
    const caller = callerFor(agent);
    expect((await caller.meta.companyLookup({ query: `MULLER GMBH ${tok}` })).map((c) => c.id)).toEqual([mine.id]);
    expect((await caller.meta.companyLookup({ query: `k-${tok}` })).map((c) => c.id)).toEqual([mine.id]);
    expect((await caller.meta.companyLookup({ id: other.id })).map((c) => c.name)).toEqual([other.name]);

    const inMine = await createTicket({ customer: await createCustomer({ companyId: mine.id }), queue });
    await createTicket({ customer: await createCustomer({ companyId: other.id }), queue });
    const listed = await caller.ticket.list({ queueIds: [queue.id], customerCompanyId: mine.id });
    expect(listed.items.map((t) => t.id)).toEqual([inMine.id]);
  });
});

describe("meta.agents", () => {
  it("lists enabled agents and admins by name, never customers or disabled agents", async () => {
    const tok = token();
    const agent = await createAgent({ values: { name: `A ${tok}` } });
    const admin = await createAgent({ admin: true, values: { name: `B ${tok}` } });
    const disabled = await createAgent({ values: { name: `C ${tok}`, enabled: false } });
    const customer = await createCustomer({ name: `D ${tok}` });
    const ids = (await callerFor(agent).meta.agents()).map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([agent.id, admin.id]));
    expect(ids).not.toContain(disabled.id);
    expect(ids).not.toContain(customer.id);
    expect(ids.indexOf(agent.id)).toBeLessThan(ids.indexOf(admin.id));
  });
});

describe("meta.options services", () => {
  it("offers agents the valid services and customers none", async () => {
    const service = await bareService();
    const options = await callerFor(await createAgent()).meta.options();
    expect(options.services.map((s) => s.id)).toContain(service.id);
    expect((await callerFor(await createCustomer()).meta.options()).services).toEqual([]);
  });
});

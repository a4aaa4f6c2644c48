import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { addWorkingMinutes } from "@/server/services/sla/working-time";
import { callerFor } from "../helpers/caller";
import { tableCounts } from "../helpers/db-state";
import { settle } from "../helpers/refusals";
import { createAgent, createGroup } from "../factories";

let admin: typeof s.users.$inferSelect;
let asAdmin: ReturnType<typeof callerFor>;
const tag = () => randomUUID().slice(0, 8);
const office = { mon: [["08:00", "12:00"], ["13:00", "17:00"]] as [string, string][], tue: [["08:00", "16:00"]] as [string, string][], wed: [], thu: [], fri: [], sat: [], sun: [] };

beforeAll(async () => {
  admin = await createAgent({ admin: true });
  asAdmin = callerFor(admin);
});

async function calendarRow(id: number) {
  const [row] = await db.select().from(s.calendars).where(eq(s.calendars.id, id));
  return row!;
}

async function auditOf(entityId: number) {
  return db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.entity, "calendar"), eq(s.auditLog.entityId, String(entityId))))
    .orderBy(desc(s.auditLog.id));
}

/** A refused call: its code and message, no row added or removed anywhere, and `id`'s row (if any) unchanged. */
async function refused(run: () => Promise<unknown>, code: string, id?: number) {
  const before = await tableCounts();
  const row = id === undefined ? null : await calendarRow(id);
  const result = await settle(run());
  expect(result.outcome, result.message).toBe(code);
  expect(await tableCounts()).toEqual(before);
  if (id !== undefined) expect(await calendarRow(id)).toEqual(row);
  return result.message ?? "";
}

describe("calendars", () => {
  it("creates a calendar with two intervals on a day and holidays, lists it, and the stored row drives the working-time arithmetic", async () => {
    const name = `Office ${tag()}`;
    const holidays = [
      { date: "2026-11-11", name: "Independence Day", recurring: false },
      { date: "12-25", name: "Christmas", recurring: true },
    ];
    const { id } = await asAdmin.adminConfig.calendarCreate({ name, timeZone: "Europe/Warsaw", workingHours: office, holidays });
    const row = await calendarRow(id);
    expect(row).toMatchObject({ name, timeZone: "Europe/Warsaw", holidays, valid: true });
    expect(row.workingHours.mon).toEqual([["08:00", "12:00"], ["13:00", "17:00"]]);

    const list = await asAdmin.adminConfig.calendarList({ search: name });
    expect(list.items).toEqual([{ id, name, timeZone: "Europe/Warsaw", workingHours: row.workingHours, holidays, valid: true }]);
    // Monday 11:00 Warsaw + 90 working minutes skips lunch.
    expect(addWorkingMinutes(row, new Date("2026-06-15T11:00+02:00"), 90).toISOString()).toBe(new Date("2026-06-15T13:30+02:00").toISOString());

    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ actorId: admin.id, action: "create", after: { name, timeZone: "Europe/Warsaw" } });
  });

  it("edits a calendar: the row changes and the audit row holds only what changed", async () => {
    const { id } = await asAdmin.adminConfig.calendarCreate({ name: `Edit ${tag()}`, timeZone: "UTC", workingHours: office });
    const row = await calendarRow(id);
    await asAdmin.adminConfig.calendarUpdate({ id, name: row.name, timeZone: "America/New_York", workingHours: { ...office, sat: [["22:00", "06:00"]] }, holidays: [] });
    expect(await calendarRow(id)).toMatchObject({ timeZone: "America/New_York", workingHours: { sat: [["22:00", "06:00"]] } });
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ action: "update", before: { timeZone: "UTC" }, after: { timeZone: "America/New_York" } });
    expect(Object.keys(entry!.after as object).sort()).toEqual(["timeZone", "workingHours"]);
  });

  it("refuses bad intervals, unknown zones, bad holiday dates and a calendar without hours, naming what is wrong, and writes nothing", async () => {
    const base = { name: `Bad ${tag()}`, timeZone: "Europe/Berlin", workingHours: office, holidays: [] };
    expect(await refused(() => asAdmin.adminConfig.calendarCreate({ ...base, workingHours: { ...office, wed: [["09:00", "09:00"]] } }), "BAD_REQUEST")).toBe("Wednesday: an interval starts and ends at 09:00. Give it a different end.");
    expect(await refused(() => asAdmin.adminConfig.calendarCreate({ ...base, workingHours: { ...office, thu: [["08:00", "12:00"], ["11:00", "15:00"]] } }), "BAD_REQUEST")).toBe(
      "Thursday: the intervals 08:00–12:00 and 11:00–15:00 overlap. Change or remove one of them.",
    );
    expect(await refused(() => asAdmin.adminConfig.calendarCreate({ ...base, workingHours: { mon: [["8:00", "25:00"]] } }), "BAD_REQUEST")).toBeTruthy();
    expect(await refused(() => asAdmin.adminConfig.calendarCreate({ ...base, workingHours: {} }), "BAD_REQUEST")).toMatch(/at least one working interval/);
    expect(await refused(() => asAdmin.adminConfig.calendarCreate({ ...base, timeZone: "Mars/Olympus" }), "BAD_REQUEST")).toMatch(/Mars\/Olympus/);
    expect(await refused(() => asAdmin.adminConfig.calendarCreate({ ...base, holidays: [{ date: "2026-02-30", name: "Nope", recurring: false }] }), "BAD_REQUEST")).toMatch(/Nope/);
    // A month-day alone is a yearly holiday's date only.
    expect(await refused(() => asAdmin.adminConfig.calendarCreate({ ...base, holidays: [{ date: "12-25", name: "Christmas", recurring: false }] }), "BAD_REQUEST")).toMatch(/Christmas/);

    const { id } = await asAdmin.adminConfig.calendarCreate(base);
    expect(await refused(() => asAdmin.adminConfig.calendarUpdate({ id, ...base, workingHours: { sun: [["22:00", "06:00"]], mon: [["05:00", "09:00"]] } }), "BAD_REQUEST", id)).toBe(
      "Sunday's interval 22:00–06:00 runs past midnight into Monday's interval 05:00–09:00. Change or remove one of them.",
    );
    await refused(() => asAdmin.adminConfig.calendarCreate({ ...base }), "CONFLICT");
  });

  it("a night shift (end before start) is one interval; 24:00 ends at midnight", async () => {
    const { id } = await asAdmin.adminConfig.calendarCreate({ name: `Night ${tag()}`, timeZone: "Europe/Berlin", workingHours: { mon: [["22:00", "06:00"]], tue: [["18:00", "24:00"]] } });
    expect((await calendarRow(id)).workingHours).toMatchObject({ mon: [["22:00", "06:00"]], tue: [["18:00", "24:00"]] });
  });

  it("imports Poland's public holidays of 2026 (11 November, Christmas) in the admin's language, writing nothing", async () => {
    const before = await tableCounts();
    const found = await asAdmin.adminConfig.calendarHolidayImport({ country: "pl", year: 2026 });
    expect(found).toContainEqual({ date: "2026-11-11", name: "Independence Day", recurring: false });
    expect(found).toContainEqual({ date: "2026-12-25", name: "Christmas Day", recurring: false });
    expect(found.every((h) => h.date.startsWith("2026-"))).toBe(true);
    expect(await tableCounts()).toEqual(before);
    const countries = await asAdmin.adminConfig.calendarHolidayCountries();
    expect(countries).toContainEqual({ code: "PL", name: "Poland" });
    expect(await refused(() => asAdmin.adminConfig.calendarHolidayImport({ country: "QQ", year: 2026 }), "BAD_REQUEST")).toMatch(/No holidays are known/);
  });

  it("disables and deletes: a calendar a queue uses cannot be deleted, only disabled", async () => {
    const { id } = await asAdmin.adminConfig.calendarCreate({ name: `Used ${tag()}`, timeZone: "UTC", workingHours: office });
    const group = await createGroup();
    await asAdmin.adminConfig.queueCreate({ name: `Q ${tag()}`, groupId: group.id, calendarId: id });
    expect(await refused(() => asAdmin.adminConfig.calendarDelete({ id }), "CONFLICT", id)).toMatch(/1 queue/);
    await asAdmin.adminConfig.calendarSetValid({ id, valid: false });
    expect((await calendarRow(id)).valid).toBe(false);
    const unused = await asAdmin.adminConfig.calendarCreate({ name: `Unused ${tag()}`, timeZone: "UTC", workingHours: office });
    await asAdmin.adminConfig.calendarDelete({ id: unused.id });
    expect(await db.select().from(s.calendars).where(eq(s.calendars.id, unused.id))).toEqual([]);
  });
});

describe("the queue's calendar", () => {
  it("a queue takes a valid calendar, changes it, clears it; a disabled one is refused", async () => {
    const group = await createGroup();
    const a = await asAdmin.adminConfig.calendarCreate({ name: `A ${tag()}`, timeZone: "Europe/Warsaw", workingHours: office });
    const b = await asAdmin.adminConfig.calendarCreate({ name: `B ${tag()}`, timeZone: "Asia/Tehran", workingHours: office });
    const queue = await asAdmin.adminConfig.queueCreate({ name: `Cal ${tag()}`, groupId: group.id, calendarId: a.id });
    expect((await asAdmin.adminConfig.queueGet({ id: queue.id })).calendarId).toBe(a.id);

    const current = await asAdmin.adminConfig.queueGet({ id: queue.id });
    const fields = { id: queue.id, name: current.leafName, groupId: group.id };
    await asAdmin.adminConfig.queueUpdate({ ...fields, calendarId: b.id });
    expect((await asAdmin.adminConfig.queueGet({ id: queue.id })).calendarId).toBe(b.id);

    await asAdmin.adminConfig.calendarSetValid({ id: a.id, valid: false });
    const message = (await settle(asAdmin.adminConfig.queueUpdate({ ...fields, calendarId: a.id }))).message;
    expect(message).toBe("Choose an enabled calendar, or none.");
    expect((await asAdmin.adminConfig.queueGet({ id: queue.id })).calendarId).toBe(b.id);

    await asAdmin.adminConfig.queueUpdate({ ...fields, calendarId: null });
    expect((await asAdmin.adminConfig.queueGet({ id: queue.id })).calendarId).toBeNull();
    const options = await asAdmin.adminConfig.options();
    expect(options.calendars).toContainEqual({ id: a.id, name: expect.any(String), valid: false });
  });
});

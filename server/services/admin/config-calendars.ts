import Holidays from "date-holidays";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db";
import { calendars } from "@/db/schema";
import { slaRecompute } from "@/jobs/definitions/sla-recompute";
import { enqueue } from "@/jobs/enqueue";
import type { Actor } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { byId, listInput, setValidInput } from "@/server/schemas/admin-config";
import { calendarProblem, createCalendarInput, holidayImportInput, updateCalendarInput } from "@/server/schemas/calendars";
import { byName, deleteUnused, listWhere, lockById, namePage, setValidity } from "./config";
import { adminChange, audit, changedOnly } from "./audit";

const NAME_TAKEN = "errors.calendarNameTaken";

/**
 * Working calendars: a time zone, working hours per weekday and holidays. SLAs and queues point
 * at them; the working-time arithmetic (server/services/sla/working-time.ts) reads them as stored.
 */

const columns = { id: calendars.id, name: calendars.name, timeZone: calendars.timeZone, workingHours: calendars.workingHours, holidays: calendars.holidays, valid: calendars.valid };

/** Calendars by name, whole (a calendar is a few kilobytes at most), so the edit form needs no second load. */
export async function listCalendars(db: Tx, raw: z.input<typeof listInput>) {
  const input = listInput.parse(raw);
  const rows = await db
    .select(columns)
    .from(calendars)
    .where(and(...listWhere(input, { name: calendars.name, id: calendars.id, valid: calendars.valid, search: [calendars.name, calendars.timeZone] })))
    .orderBy(byName(calendars.name), asc(calendars.id))
    .limit(input.limit + 1);
  return namePage(rows, input.limit);
}

export async function createCalendar(db: Tx, actor: Actor, raw: z.input<typeof createCalendarInput>) {
  const input = checked(createCalendarInput.parse(raw));
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    const [row] = await tx.insert(calendars).values(input).returning({ id: calendars.id });
    await audit(tx, { actorId: actor.id, action: "create", entity: "calendar", entityId: row!.id, after: input });
    return { id: row!.id };
  });
}

export async function updateCalendar(db: Tx, actor: Actor, raw: z.input<typeof updateCalendarInput>) {
  const { id, ...fields } = checked(updateCalendarInput.parse(raw));
  return adminChange(db, { taken: NAME_TAKEN, config: true }, async (tx) => {
    const current = await lockById(tx, calendars, id, "Calendar");
    const diff = changedOnly({ name: current.name, timeZone: current.timeZone, workingHours: current.workingHours, holidays: current.holidays }, fields);
    if (Object.keys(diff.after).length === 0) return { id };
    await tx
      .update(calendars)
      .set({ ...fields, changedAt: new Date() })
      .where(eq(calendars.id, id));
    await audit(tx, { actorId: actor.id, action: "update", entity: "calendar", entityId: id, ...diff });
    // Deadlines counted in this calendar move with it (the SLA helper's job, batched).
    await enqueue(tx, slaRecompute, { calendarId: id });
    return { id };
  });
}

export function setCalendarValid(db: Tx, actor: Actor, raw: z.input<typeof setValidInput>) {
  const input = setValidInput.parse(raw);
  return setValidity(db, actor, { table: calendars, ...input, entity: "calendar", what: "Calendar" });
}

export function deleteCalendar(db: Tx, actor: Actor, raw: z.input<typeof byId>) {
  const { id } = byId.parse(raw);
  return deleteUnused(db, actor, {
    table: calendars,
    id,
    entity: "calendar",
    what: "Calendar",
    label: (row) => `The calendar “${row.name}”`,
    uses: () => [
      { query: sql`select count(*) from queues where calendar_id = ${id}`, one: "queue", many: "queues" },
      { query: sql`select count(*) from slas where calendar_id = ${id}`, one: "SLA", many: "SLAs" },
    ],
  });
}

/** The countries the holiday library knows, by name in `language` (English names where it has none). */
export function holidayCountries(language: string) {
  const names = new Holidays().getCountries(language);
  return Object.entries(names)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
}

/**
 * A country's public holidays in one year, as one-off calendar holidays (movable feasts differ
 * from year to year; the admin marks the fixed ones yearly if wanted). Nothing is written: the
 * form adds them to the calendar being edited.
 */
export function importHolidays(language: string, raw: z.input<typeof holidayImportInput>) {
  const input = holidayImportInput.parse(raw);
  const library = new Holidays();
  if (!library.getCountries(language)[input.country]) throw new AppError("BAD_INPUT", "errors.calendarHolidayCountry");
  library.init(input.country, { languages: [language, "en"], types: ["public"] });
  const seen = new Set<string>();
  return library
    .getHolidays(input.year)
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name, recurring: false }))
    .filter((h) => (seen.has(h.date) ? false : (seen.add(h.date), true)));
}

/** Refuses a calendar that the working-time arithmetic could not use, naming what is wrong. */
function checked<T extends Parameters<typeof calendarProblem>[0]>(input: T): T {
  const problem = calendarProblem(input);
  if (problem) throw new AppError("BAD_INPUT", problem.key, problem.params);
  return input;
}

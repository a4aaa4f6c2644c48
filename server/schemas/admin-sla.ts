import { z } from "zod";

// Shared by the SLA procedures and the SLA form: no server-only imports here.

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const name = z.string().trim().min(1, "Enter a name").max(200, "Use at most 200 characters");
/** Working minutes; empty means "no such deadline". At most a year of minutes. */
const minutes = z.coerce.number().int("Enter whole minutes").min(1, "Enter at least 1 minute").max(525_600, "Use at most 525,600 minutes").nullish().transform((v) => v ?? null);

const slaFields = {
  name,
  calendarId: id.nullish().transform((v) => v ?? null),
  firstResponseMinutes: minutes,
  updateMinutes: minutes,
  solutionMinutes: minutes,
  warnPercent: z.coerce.number().int().min(1, "Enter 1 to 100").max(100, "Enter 1 to 100").default(80),
  pauseWhenPending: z.boolean().default(true),
  serviceIds: z.array(id).max(1000).default([]),
};
export const createSlaInput = z.object(slaFields);
export const updateSlaInput = z.object({ id, ...slaFields });

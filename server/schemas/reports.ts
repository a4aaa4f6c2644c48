import { z } from "zod";
import { id, listTicketsInput } from "./tickets";

export const PERIOD_PRESETS = ["today", "yesterday", "thisWeek", "lastWeek", "thisMonth", "lastMonth", "thisQuarter", "lastQuarter", "thisYear", "lastYear", "last7", "last30", "last365"] as const;
export const period = z.union([
  z.object({ preset: z.enum(PERIOD_PRESETS) }),
  z
    .object({ from: z.coerce.date(), to: z.coerce.date() })
    .refine((p) => p.to > p.from, { message: "The period must end after it starts", path: ["to"] })
    .refine((p) => p.to.getTime() - p.from.getTime() <= 10 * 366 * 86_400_000, { message: "At most ten years", path: ["to"] }),
]);
export type PeriodInput = z.infer<typeof period>;

export const BUILTIN_DIMENSIONS = ["customer", "company", "agent", "queue", "service", "priority", "type"] as const;
export const DIMENSIONS = [...BUILTIN_DIMENSIONS, "state", "sender", "createdDay", "createdWeek", "createdMonth"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const OBJECTS = ["tickets", "articles", "time"] as const;
export type ReportObject = (typeof OBJECTS)[number];

/** Measures each builder object offers (tickets: those created in the period). */
export const OBJECT_MEASURES = {
  tickets: ["count", "closed", "reopened", "firstResponseMedian", "firstResponseP90", "solutionMedian", "solutionP90", "slaBreaches"],
  articles: ["count"],
  time: ["minutes", "count"],
} as const;
export type Measure = (typeof OBJECT_MEASURES)[ReportObject][number];
export const ALL_MEASURES = [...new Set(Object.values(OBJECT_MEASURES).flat())] as [Measure, ...Measure[]];

/** The queue view's filters, as the list takes them (paging, sort and cursor left out). */
export const reportFilters = listTicketsInput
  .omit({ sort: true, direction: true, cursor: true, limit: true, scope: true, includeArchived: true })
  .partial()
  .default({});
export type ReportFilters = z.infer<typeof reportFilters>;

export const builderDefinition = z
  .object({
    object: z.enum(OBJECTS),
    dimensions: z.array(z.enum(DIMENSIONS)).min(1).max(2),
    measures: z.array(z.enum(ALL_MEASURES)).min(1).max(8),
    filters: reportFilters,
    period,
    chart: z.enum(["bar", "line"]).default("bar"),
  })
  .superRefine((d, ctx) => {
    const offered: readonly string[] = OBJECT_MEASURES[d.object];
    d.measures.forEach((m, i) => {
      if (!offered.includes(m)) ctx.addIssue({ code: "custom", path: ["measures", i], message: "This measure is not offered for the object" });
    });
    if (d.dimensions.includes("sender") && d.object !== "articles") ctx.addIssue({ code: "custom", path: ["dimensions"], message: "Only articles have a sender" });
    if (new Set(d.dimensions).size !== d.dimensions.length) ctx.addIssue({ code: "custom", path: ["dimensions"], message: "Choose two different dimensions" });
  });
export type BuilderDefinition = z.infer<typeof builderDefinition>;

export const builtinInput = z.object({
  dimension: z.enum(BUILTIN_DIMENSIONS),
  period,
  compare: z.boolean().default(false),
  filters: reportFilters,
});
export type BuiltinInput = z.input<typeof builtinInput>;

const name = z.string().trim().min(1).max(120);
export const saveReportInput = z.object({ name, shared: z.boolean().default(false), definition: builderDefinition });
export const updateReportInput = saveReportInput.extend({ id });
export const reportRef = z.object({ id });

export const FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export const scheduleInput = z.object({
  reportId: id,
  frequency: z.enum(FREQUENCIES),
  format: z.enum(["pdf", "csv"]),
  recipients: z.array(z.email().trim().max(254)).min(1).max(20),
});
export const runNowInput = z.object({ reportId: id, format: z.enum(["pdf", "csv"]) });
export const exportInput = z.union([z.object({ kind: z.literal("builtin"), input: builtinInput }), z.object({ kind: z.literal("builder"), definition: builderDefinition })]);
export const ticketListCsvInput = listTicketsInput.omit({ cursor: true, limit: true });

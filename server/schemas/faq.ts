import { z } from "zod";
import { singleLine } from "./text";

// Shared by the FAQ procedures and their forms: no server-only imports here.

/** Languages an FAQ article can be written in (the desk's UI languages). */
export const FAQ_LANGUAGES = ["en", "pl", "de", "fa"] as const;
export type FaqLanguage = (typeof FAQ_LANGUAGES)[number];
export const FAQ_VISIBILITIES = ["internal", "customers", "public"] as const;
export const FAQ_STATES = ["draft", "published", "archived"] as const;
export type FaqVisibility = (typeof FAQ_VISIBILITIES)[number];
export type FaqState = (typeof FAQ_STATES)[number];

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const paging = { cursor: z.string().max(200).nullish(), limit: z.number().int().min(1).max(100).default(25) };
const language = z.enum(FAQ_LANGUAGES);

export const faqById = z.object({ id });
export const faqSearchInput = z.object({ query: z.string().trim().min(1).max(400), limit: z.number().int().min(1).max(50).default(10) });
export const faqListInput = z.object({ categoryId: id.nullish(), ...paging });
/** The new-request form's text, as typed so far: suggestions come from subject and body together. */
export const faqSuggestInput = z.object({ subject: z.string().max(400).default(""), body: z.string().max(20_000).default(""), limit: z.number().int().min(1).max(10).default(5) });
export const faqVoteInput = z.object({ id, kind: z.enum(["helpful", "solved"]) });

export const faqCategoryInput = z.object({
  id: id.optional(),
  parentId: id.nullish().transform((v) => v ?? null),
  names: z.partialRecord(language, z.string().trim().max(200)).transform((names) => Object.fromEntries(Object.entries(names).filter(([, v]) => v))),
  position: z.coerce.number().int().min(0).max(10_000).default(0),
});
export const faqSetValidInput = z.object({ id, valid: z.boolean() });

export const faqTranslationInput = z.object({
  language,
  title: singleLine(300),
  body: z.string().max(200_000).default(""),
  keywords: z.string().trim().max(1000).default(""),
});
export const faqArticleInput = z.object({
  categoryId: id,
  visibility: z.enum(FAQ_VISIBILITIES).default("internal"),
  translations: z
    .array(faqTranslationInput)
    .min(1)
    .max(FAQ_LANGUAGES.length)
    .refine((list) => new Set(list.map((t) => t.language)).size === list.length, "One text per language"),
  uploadIds: z.array(z.uuid()).max(20).default([]),
});
export const faqArticleUpdateInput = faqArticleInput.extend({ id, version: z.number().int().min(0) });
export const faqSetStateInput = z.object({ id, version: z.number().int().min(0), state: z.enum(FAQ_STATES) });
export const faqEditorListInput = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(["all", ...FAQ_STATES]).default("all"),
  categoryId: id.nullish(),
  ...paging,
});
/** Categories are few: one page, the whole tree, filtered by validity and name. */
export const faqCategoryListInput = z.object({ search: z.string().trim().max(200).optional(), status: z.enum(["all", "valid", "invalid"]).default("all"), ...paging });
export const faqDraftFromTicketInput = z.object({ ticketId: id, articleId: id });

export type FaqArticleInput = z.input<typeof faqArticleInput>;

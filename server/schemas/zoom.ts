import { z } from "zod";
import { TEMPLATE_KINDS } from "./admin-config";
import { singleLine } from "./text";
import { changeBase, id } from "./tickets";
import { latinDigits } from "@/server/i18n/digits";

const ticketNumber = z.string().trim().overwrite(latinDigits).regex(/^\d{6,32}$/, "Enter a ticket number (digits only)");

export const mergeInput = changeBase
  .extend({ targetTicketId: id.optional(), targetNumber: ticketNumber.optional() })
  .refine((v) => v.targetTicketId !== undefined || v.targetNumber !== undefined, { message: "Choose the ticket to merge into", path: ["targetNumber"] });

export const splitInput = z.object({
  articleId: id,
  queueId: id,
  title: singleLine(250).optional(),
});

export const LINK_TYPES = ["normal", "parent_child"] as const;

export const linkInput = z
  .object({
    ticketId: id,
    otherTicketId: id.optional(),
    otherNumber: ticketNumber.optional(),
    /** parent_child: this ticket is the parent of the other. */
    type: z.enum(LINK_TYPES).default("normal"),
  })
  .refine((v) => v.otherTicketId !== undefined || v.otherNumber !== undefined, { message: "Choose the ticket to link", path: ["otherNumber"] });

export const unlinkInput = z.object({ ticketId: id, otherTicketId: id, type: z.enum(LINK_TYPES) });

export const setResponsibleInput = changeBase.extend({ responsibleId: id });

export const templateListInput = z.object({ kind: z.enum(TEMPLATE_KINDS) });
export const templateRenderInput = z.object({ templateId: id, ticketId: id });
/** A "new ticket" template filled from the form before the ticket exists. */
export const templateRenderNewInput = z.object({ templateId: id, queueId: id.optional(), customerName: z.string().trim().max(200).optional() });

export const recipientsInput = z.object({ ticketId: id });

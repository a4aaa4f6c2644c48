import { z } from "zod";
import { id } from "./tickets";

/** Most tickets one bulk PDF or ZIP holds (a list page's selection). */
export const MAX_PDF_TICKETS = 100;

const flag = z.enum(["0", "1"]).optional().transform((v) => v === "1");

/** `/api/pdf/tickets/<id>?history=1` */
export const ticketPdfQuery = z.object({ history: flag });

/** `/api/pdf/tickets?ids=1,2,3&format=pdf|zip&history=1` */
export const ticketsPdfQuery = z.object({
  ids: z
    .string()
    .max(2000)
    .transform((v): unknown[] => [...new Set(v.split(",").filter(Boolean))])
    .pipe(z.array(id).min(1).max(MAX_PDF_TICKETS)),
  format: z.enum(["pdf", "zip"]).default("pdf"),
  history: flag,
});

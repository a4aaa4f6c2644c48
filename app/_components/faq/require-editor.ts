import "server-only";
import { notFound } from "next/navigation";
import { requireActor } from "@/server/auth/session";
import { faqEditorHere } from "@/server/services/faq/pages";

/** The FAQ editor screens: admins and agents with faq_editor; everyone else finds nothing here. */
export async function requireFaqEditorPage() {
  const actor = await requireActor("agent", "admin");
  if (!(await faqEditorHere(actor))) notFound();
  return actor;
}

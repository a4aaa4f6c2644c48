import { AppError } from "@/server/errors";

/** C0 controls except TAB, DEL, and the Unicode line and paragraph separators (NEL, LS, PS). */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/;

/**
 * The last check before a message is written to the outbox: no header of it (addresses,
 * subject, threading ids, extra headers, attachment names) may carry CR, LF or another control
 * character, which would let text from a ticket title or a form add headers such as Bcc:.
 */
export function assertHeadersSafe(mail: {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  messageId: string;
  inReplyTo?: string | null;
  references?: string | null;
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType: string }[];
}): void {
  const values = [
    mail.from,
    ...mail.to,
    ...(mail.cc ?? []),
    mail.subject,
    mail.messageId,
    mail.inReplyTo ?? "",
    mail.references ?? "",
    ...Object.entries(mail.headers ?? {}).flat(),
    ...(mail.attachments ?? []).flatMap((a) => [a.filename, a.contentType]),
  ];
  if (values.some((value) => CONTROL.test(value))) throw new AppError("BAD_INPUT", "errors.mailHeaderControl");
}

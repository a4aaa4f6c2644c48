import { translate } from "@/server/i18n/translate";

export type AutoResponseType = "new_ticket" | "follow_up" | "reject";

/**
 * The desk's default wording of an auto-response in one language, with the placeholders the
 * sender fills in (<TICKET_TITLE>, <TICKET_NUMBER>): the catalog holds the words, this keeps the
 * placeholders out of ICU (where `<…>` would read as a tag).
 */
export function defaultAutoResponseText(language: string, type: AutoResponseType): { subject: string; body: string } {
  const params = { title: "<TICKET_TITLE>", number: "<TICKET_NUMBER>" };
  return {
    subject: translate(language, `autoResponseDefaults.${type}.subject`, params),
    body: translate(language, `autoResponseDefaults.${type}.body`, params),
  };
}

import type { translatorFor } from "@/server/i18n/translate";
import { ARTICLE_KINDS, HISTORY_EVENTS, KNOWN_STATES, RELATION_EVENTS } from "@/server/i18n/known-labels";
import type { readHistory } from "./history";

type T = ReturnType<typeof translatorFor>;
type Entry = Awaited<ReturnType<typeof readHistory>>[number];

export function stateLabel(t: T, name: string): string {
  const key = (KNOWN_STATES as Record<string, string>)[name];
  return key ? t(`states.${key}`) : name;
}

const EVENTS = new Set<string>(HISTORY_EVENTS);
const RELATIONS = new Set<string>(RELATION_EVENTS);
const KINDS = new Set<string>(ARTICLE_KINDS);

/**
 * The history as the zoom's history tab words it (same catalog keys): event label and "old → new",
 * the old value being the previous entry's new value for the same field.
 */
export function describeHistory(entries: Entry[], t: T, when: (d: Date) => string, direction: "ltr" | "rtl") {
  const arrow = direction === "rtl" ? " ← " : " → ";
  const last = new Map<string, string>();
  const value = (field: string, v: string | null): string | null => {
    if (v === null) return null;
    if (field === "state") return stateLabel(t, v);
    if (field === "pending_until") {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? v : when(d);
    }
    return v;
  };
  return entries.map((e) => {
    const event = RELATIONS.has(e.event) ? t(`zoom.history.${e.event}`) : EVENTS.has(e.event) ? t(`ticket.historyLog.events.${e.event}`) : e.event;
    let change: string | null = null;
    switch (e.event) {
      case "created":
        change = e.newValue ? `#${e.newValue}` : null;
        break;
      case "article_added":
        change = e.newValue && KINDS.has(e.newValue) ? t(`ticket.historyLog.articleKinds.${e.newValue}`) : e.newValue;
        break;
      case "locked":
      case "unlocked":
      case "reopened":
      case "archived":
      case "unarchived":
        break;
      case "reminder_sent":
        change = value("pending_until", e.newValue);
        break;
      case "merged_into":
      case "merged_from":
      case "split_to":
      case "split_from":
      case "linked":
      case "unlinked": {
        const number = e.newValue ?? e.oldValue;
        change = number ? `#${number}` : null;
        break;
      }
      default: {
        const field = e.field ?? e.event;
        const from = value(field, e.oldValue) ?? last.get(field) ?? null;
        const to = value(field, e.newValue);
        if (to) last.set(field, to);
        change = from || to ? [from, to].filter(Boolean).join(arrow) : null;
      }
    }
    return { at: e.createdAt, who: e.actorName ?? t("ticket.historyLog.system"), event, change };
  });
}

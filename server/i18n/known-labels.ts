/**
 * Catalog keys for names the desk ships with, shared by the screens and the server's texts (PDFs):
 * admin-made states keep their own names; history events and article kinds have fixed keys.
 */
export const KNOWN_STATES = {
  new: "new",
  open: "open",
  "pending reminder": "pending_reminder",
  "pending auto close+": "pending_auto_close_plus",
  "pending auto close-": "pending_auto_close_minus",
  "closed successful": "closed_successful",
  "closed unsuccessful": "closed_unsuccessful",
  merged: "merged",
  removed: "removed",
} as const;

export const HISTORY_EVENTS = [
  "created",
  "article_added",
  "state_changed",
  "priority_changed",
  "queue_changed",
  "owner_changed",
  "responsible_changed",
  "locked",
  "unlocked",
  "title_changed",
  "reopened",
  "pending_time_set",
  "customer_changed",
  "type_changed",
  "service_changed",
  "archived",
  "unarchived",
  "reminder_sent",
] as const;
export const RELATION_EVENTS = ["merged_into", "merged_from", "split_to", "split_from", "linked", "unlinked"] as const;
export const ARTICLE_KINDS = ["web", "phone", "internal", "email", "reply", "note", "follow_up"] as const;

import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["customer", "agent", "admin"]);

// OTRS permission types; `rw` implies all the others.
export const permissionType = pgEnum("permission_type", [
  "ro",
  "move_into",
  "create",
  "note",
  "owner",
  "priority",
  "rw",
]);

export const stateType = pgEnum("state_type", [
  "new",
  "open",
  "pending_reminder",
  "pending_auto",
  "closed",
  "merged",
  "removed",
]);

export const followUpRule = pgEnum("follow_up_rule", ["reopen", "reject", "new_ticket"]);
/** A follow-up from a sender who is neither the ticket's customer nor on its thread: kept as an unverified note, or a new ticket. */
export const unverifiedFollowUpRule = pgEnum("unverified_follow_up_rule", ["unverified", "new_ticket"]);

export const articleChannel = pgEnum("article_channel", ["email", "web", "phone", "note", "internal"]);
export const senderType = pgEnum("sender_type", ["customer", "agent", "system"]);
export const deliveryStatus = pgEnum("delivery_status", ["none", "queued", "sent", "delivered", "bounced", "failed"]);

export const autoResponseType = pgEnum("auto_response_type", ["new_ticket", "follow_up", "reject"]);
export const linkType = pgEnum("link_type", ["normal", "parent_child"]);
export const registrationMode = ["open", "approval", "closed"] as const;
export type RegistrationMode = (typeof registrationMode)[number];

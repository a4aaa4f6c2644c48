import { z } from "zod";
import { locales } from "@/server/i18n/config";

/** Events a user may be told about by e-mail, by role; stored in users.notification_prefs. */
export const NOTIFICATION_EVENTS = {
  // Replies are always mailed (the reply is the message); these are the courtesy mails around it.
  customer: ["ticket_received", "ticket_closed"],
  agent: ["new_ticket", "follow_up", "queue_changed", "owner_changed"],
} as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[keyof typeof NOTIFICATION_EVENTS][number];
export const ALL_NOTIFICATION_EVENTS = [...NOTIFICATION_EVENTS.customer, ...NOTIFICATION_EVENTS.agent] as const;

export const notificationEventsFor = (role: "customer" | "agent" | "admin"): readonly NotificationEvent[] =>
  role === "customer" ? NOTIFICATION_EVENTS.customer : NOTIFICATION_EVENTS.agent;

export const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

export const SIGNATURE_MAX = 2000;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const newPassword = z.string().min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const updateProfileInput = z.object({
  name: z.string().trim().min(1, "Enter your name").max(200),
  language: z.enum(locales),
  timeZone: z.string().trim().max(64).refine(isTimeZone, "Choose a time zone from the list"),
  /** Dates in the Gregorian calendar although the language's own is another; left out keeps the stored choice. */
  preferGregorian: z.boolean().optional(),
  /** Event → wants an e-mail. Events outside the caller's role are ignored. */
  emailNotifications: z.partialRecord(z.enum(ALL_NOTIFICATION_EVENTS), z.boolean()),
  /** Agents only: event → wants an in-app notification. Ignored for customers, who have no in-app channel. */
  appNotifications: z.partialRecord(z.enum(ALL_NOTIFICATION_EVENTS), z.boolean()).optional(),
  /**
   * Agents only: the personal reply signature; blank clears it (the queue's applies again).
   * Left out keeps the stored one. A customer sending it is refused.
   */
  signature: z.string().max(SIGNATURE_MAX, `Use at most ${SIGNATURE_MAX} characters`).optional(),
});
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

export const changePasswordInput = z.object({
  /** Empty when the account has no password yet (signed in by link). */
  current: z.string().max(1000),
  next: newPassword,
});

export const queueSubscriptionInput = z.object({ queueId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), subscribed: z.boolean() });

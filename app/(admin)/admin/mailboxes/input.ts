/** adminMail.accounts' input: server prefetch and client build the same query key. */
export const MAILBOX_INPUT = { limit: 100 };

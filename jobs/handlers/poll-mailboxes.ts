import { pollAllMailboxes } from "@/server/mail/poll";
import { handleJob } from "../define";
import { pollMailboxes } from "../definitions/poll-mailboxes";

export const pollMailboxesHandler = handleJob(pollMailboxes, (db, { accountId }) => pollAllMailboxes(db, { accountId }));

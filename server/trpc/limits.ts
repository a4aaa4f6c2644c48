/** Most procedures in one batched request; the client's batch link splits at the same number. */
export const TRPC_MAX_BATCH = 20;
/** Largest tRPC request body: room for a batch of long replies (articles take up to 100,000 characters). */
export const TRPC_MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The input of every configuration list, built in one place so the server's prefetch and the
 * client's first query share a key (no undefined members, the same defaults).
 */
export const CONFIG_PAGE_SIZE = 25;

export type Validity = "all" | "valid" | "invalid";

export function configListInput(search: string, status: Validity) {
  return { status, limit: CONFIG_PAGE_SIZE, ...(search ? { search } : {}) };
}

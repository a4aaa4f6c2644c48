/** adminMail.quarantineList's input: server prefetch and client build the same query key. */
export function quarantineInput(includeResolved: boolean) {
  return { includeResolved, limit: 25 };
}

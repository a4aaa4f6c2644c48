import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { approveCustomer, disableUser, enableUser } from "@/server/services/users/approval";

/**
 * What the admin does to an account in the browser journeys, through the same service the admin
 * console calls: `node --import tsx tests/e2e/account-admin.ts approve|disable|enable <email>`,
 * acting as the demo admin. Prints the result as one JSON line.
 */
const [action, email] = process.argv.slice(2);
const actions = { approve: approveCustomer, disable: disableUser, enable: enableUser };
if (!email || !(action && action in actions)) {
  console.error("usage: account-admin.ts approve|disable|enable <email>");
  process.exit(2);
}

const idOf = async (address: string) => {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, address.toLowerCase()));
  if (!row) throw new Error(`no user ${address}`);
  return row.id;
};

const result = await actions[action as keyof typeof actions](db, await idOf("admin@example.com"), await idOf(email));
console.log(JSON.stringify(result));
// The send-only job producer keeps a connection open; the work is committed, so leave.
process.exit(0);

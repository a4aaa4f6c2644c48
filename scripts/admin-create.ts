import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { createDb } from "@/db";
import { roleGroupPermissions, roles, userRoles, users, groups } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { fail, openDatabase, prepareDatabase } from "./runtime";

// `npm run admin:create -- --email a@b.c --name "Ada" --password secret123`: the first admin of a new desk.
const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } } });
if (!values.email || !/^\S+@\S+\.\S+$/.test(values.email)) fail("--email is required, e.g. --email admin@yourcompany.com");
if (!values.password || values.password.length < 8) fail("--password is required, at least 8 characters");
try {
  const database = await openDatabase({ quiet: true });
  await prepareDatabase({ ...database, created: false });
  const db = createDb(database.url, 1);
  const email = values.email!.toLowerCase();
  const [exists] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
  if (exists) fail(`a user with ${email} already exists`);
  await db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ email, name: values.name ?? email, role: "admin", passwordHash: await hashPassword(values.password!) }).returning();
    const [role] = await tx.insert(roles).values({ name: "Administrators" }).onConflictDoNothing().returning();
    const roleId = role?.id ?? (await tx.select({ id: roles.id }).from(roles).where(eq(roles.name, "Administrators")))[0]!.id;
    const allGroups = await tx.select({ id: groups.id }).from(groups);
    await tx.insert(roleGroupPermissions).values(allGroups.map((g) => ({ roleId, groupId: g.id, permission: "rw" as const }))).onConflictDoNothing();
    await tx.insert(userRoles).values({ userId: user!.id, roleId });
  });
  await db.$client.end();
  process.stdout.write(`admin ${email} created\n`);
  if (database.embedded?.startedHere) await database.embedded.stop();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

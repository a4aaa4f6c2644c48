import { and, asc, eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Tx } from "@/db";
import { customerCompanies, users } from "@/db/schema";
import type { LookupInput } from "@/server/schemas/workspace";

export const LOOKUP_LIMIT = 10;

/** Enabled agents and admins, for owner/responsible filters and bulk owner (the server checks owner per ticket). */
export function listAgents(db: Tx) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, ["agent", "admin"]), eq(users.enabled, true)))
    .orderBy(asc(users.name), asc(users.id));
}

/**
 * `%query%` folded the way full-text search folds (0005's helpdesk_fold: case, accents, NFKC), so
 * "jose" finds "José". The pattern's own wildcards are escaped before folding; folding keeps them.
 */
function folds(query: string, ...columns: SQLWrapper[]): SQL {
  return sql`(${sql.join(
    columns.map((c) => sql`helpdesk_fold(coalesce(${c}, '')) like helpdesk_fold(${containsPattern(query)})`),
    sql` or `,
  )})`;
}

const containsPattern = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const match = (input: LookupInput, idColumn: SQLWrapper, ...columns: SQLWrapper[]) => (input.id !== undefined ? sql`${idColumn} = ${input.id}` : folds(input.query, ...columns));

/**
 * Up to ten customer users whose name or e-mail contains the query; agents never appear. Name and
 * e-mail are matched as one folded string, spelled exactly as the trigram index of migration 0009
 * (and the role as a literal, so that partial index is usable under any plan).
 */
export function lookupCustomers(db: Tx, input: LookupInput) {
  const nameAndEmail = sql`coalesce(${users.name}, '') || ' ' || coalesce(${users.email}, '')`;
  return db
    .select({ id: users.id, name: users.name, email: users.email, companyId: users.companyId, company: customerCompanies.name })
    .from(users)
    .leftJoin(customerCompanies, eq(customerCompanies.id, users.companyId))
    .where(
      and(
        sql`${users.role} = 'customer'`,
        input.id !== undefined ? eq(users.id, input.id) : sql`helpdesk_fold(${nameAndEmail}) like helpdesk_fold(${containsPattern(input.query)})`,
      ),
    )
    .orderBy(asc(sql`lower(${users.name})`), asc(users.id))
    .limit(LOOKUP_LIMIT);
}

/** Up to ten customer companies whose name or customer number contains the query. */
export function lookupCompanies(db: Tx, input: LookupInput) {
  return db
    .select({ id: customerCompanies.id, name: customerCompanies.name, customerNumber: customerCompanies.customerNumber })
    .from(customerCompanies)
    .where(match(input, customerCompanies.id, customerCompanies.name, customerCompanies.customerNumber))
    .orderBy(asc(sql`lower(${customerCompanies.name})`), asc(customerCompanies.id))
    .limit(LOOKUP_LIMIT);
}

import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase } from "@/scripts/migrate";
import { hashPassword } from "@/server/auth/password";
import { copyInto } from "./copy";
import { fillDerived } from "./derived";
import { ARTICLE_COLUMNS, HISTORY_COLUMNS, QUEUES_PER_ROLE, TICKET_COLUMNS, deskRows, type DeskShape } from "./rows";

export const AGENTS = 200;
export const QUEUES = 20;
export const CUSTOMERS = 100_000;
export const COMPANIES = 5_000;
export const AGENT_PASSWORD = "bench-agent-password";

type Marker = { tickets: number; migrations: Record<string, string>; phases: Record<string, number> };
export type Phases = Record<string, number>;

const MIGRATIONS = path.resolve("db/migrations");

function migrationHashes(): Record<string, string> {
  const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).sort();
  return Object.fromEntries(files.map((f) => [f, createHash("sha256").update(readFileSync(path.join(MIGRATIONS, f))).digest("hex").slice(0, 16)]));
}

export async function readMarker(sql: postgres.Sql): Promise<Marker | null> {
  const [exists] = await sql`select to_regclass('public.bench_desk') is not null as ok`;
  if (!exists?.ok) return null;
  const [row] = await sql`select info from bench_desk limit 1`;
  return (row?.info as Marker | undefined) ?? null;
}

/**
 * Reuse the desk when it was generated at this size; otherwise generate it anew. A migration
 * whose text changed after generation is only reported (new migration files are applied on
 * reuse): BENCH_REGENERATE=1 rebuilds the desk when such a change matters.
 */
export function plan(marker: Marker | null, size: number): { action: "reuse" | "generate"; changed: string[] } {
  if (!marker || marker.tickets !== size) return { action: "generate", changed: [] };
  const current = migrationHashes();
  return { action: "reuse", changed: Object.keys(marker.migrations).filter((f) => current[f] !== marker.migrations[f]) };
}

/** Generates the whole desk into the (new, empty) database at `url`. */
export async function generateDesk(url: string, size: number, log: (msg: string) => void): Promise<Phases> {
  const phases: Phases = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    phases[name] = Math.round((performance.now() - started) / 100) / 10;
    log(`${name}: ${phases[name]} s`);
    return result;
  };
  await timed("migrate", () => migrateDatabase(url));
  const sql = postgres(url, { max: 4, onnotice: () => {}, idle_timeout: 60 });
  try {
    const shape = await timed("reference rows (agents, customers, companies, queues)", () => referenceRows(sql, size));
    const saved = await dropSecondaryIndexes(sql);
    await timed(`copy ${size.toLocaleString("en")} tickets, articles, history`, async () => {
      let done = 0;
      let articles = 0;
      await copyInto(
        sql,
        { tickets: { table: "tickets", columns: TICKET_COLUMNS }, articles: { table: "bench_articles_stage", columns: ARTICLE_COLUMNS }, history: { table: "ticket_history", columns: HISTORY_COLUMNS } },
        (function* () {
          for (const chunk of deskRows(shape, 1, size + 1, 1)) {
            done += chunk.tickets.split("\n").length - 1;
            articles += chunk.articleCount;
            yield { tickets: chunk.tickets, articles: chunk.articles, history: chunk.history };
          }
        })(),
        () => done % 100_000 === 0 && log(`  ${done.toLocaleString("en")} tickets, ${articles.toLocaleString("en")} articles`),
      );
    });
    await fillDerived(sql, { saved, timed });
    await timed("sequences, ticket number counters", () => afterLoad(sql));
    await timed("vacuum analyze", () => sql`vacuum (analyze)`.then(() => undefined));
    await writeMarker(sql, { tickets: size, phases });
  } finally {
    await sql.end();
  }
  return phases;
}

async function writeMarker(sql: postgres.Sql, marker: Omit<Marker, "migrations">) {
  const info: Marker = { ...marker, migrations: migrationHashes() };
  await sql`create table if not exists bench_desk (info jsonb not null)`;
  await sql`delete from bench_desk`;
  await sql`insert into bench_desk (info) values (${sql.json(info)})`;
}

/** Every index on the big tables except primary keys; rebuilding after the load is much faster. */
async function dropSecondaryIndexes(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ name: string; def: string }[]>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = 'public' and i.tablename in ('tickets', 'articles', 'ticket_history')
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype = 'p')`;
  for (const r of rows) await sql.unsafe(`drop index "${r.name}"`);
  return rows.map((r) => r.def);
}

async function afterLoad(sql: postgres.Sql) {
  for (const table of ["tickets", "articles", "ticket_history"]) {
    await sql.unsafe(`select setval(pg_get_serial_sequence('${table}', 'id'), (select coalesce(max(id), 1) from ${table}))`);
  }
  await sql`
    insert into ticket_number_counters (day, counter)
    select to_date(substr(number, 1, 8), 'YYYYMMDD'), max(substr(number, 11, 5)::int) from tickets group by 1
    on conflict (day) do update set counter = greatest(ticket_number_counters.counter, excluded.counter)`;
}

/**
 * Agents, roles and queues (each role grants rw on four queues), companies and customers.
 * Customers are made in SQL from their ordinal with the same formulas as rows.ts.
 */
async function referenceRows(sql: postgres.Sql, size: number): Promise<DeskShape> {
  const hash = await hashPassword(AGENT_PASSWORD);
  await sql`create unlogged table bench_articles_stage (like articles including defaults)`;
  await sql`alter table bench_articles_stage drop column search_vector`;
  await sql`insert into groups (name) select 'bench-' || lpad(g::text, 2, '0') from generate_series(1, ${QUEUES}) g`;
  await sql`
    insert into queues (name, group_id, customer_visible)
    select 'Bench::Queue ' || lpad(g::text, 2, '0'), (select id from groups where name = 'bench-' || lpad(g::text, 2, '0')), true
    from generate_series(1, ${QUEUES}) g`;
  const roles = QUEUES / QUEUES_PER_ROLE;
  await sql`insert into roles (name) select 'bench-role-' || r from generate_series(0, ${roles - 1}) r`;
  await sql`
    insert into role_group_permissions (role_id, group_id, permission)
    select r.id, g.id, 'rw' from roles r join groups g
      on g.name like 'bench-%' and (substr(g.name, 7)::int - 1) / ${QUEUES_PER_ROLE} = substr(r.name, 12)::int
    where r.name like 'bench-role-%'`;
  await sql`
    insert into users (email, name, role, password_hash, language)
    select 'bench-agent-' || a || '@bench.example', 'Agent ' || a, 'agent', ${hash}, 'en' from generate_series(0, ${AGENTS - 1}) a`;
  await sql`
    insert into user_roles (user_id, role_id)
    select u.id, r.id from users u join roles r on r.name = 'bench-role-' || (substr(split_part(u.email, '@', 1), 13)::int % ${roles})
    where u.email like 'bench-agent-%'`;
  await sql`
    insert into customer_companies (name, customer_number, city)
    select 'Company ' || c, 'C' || c, (array['Warszawa','Berlin','Tehran','London'])[1 + c % 4] from generate_series(1, ${COMPANIES}) c`;
  const [firstCompany] = await sql`select min(id)::int as id from customer_companies where name like 'Company %'`;
  await sql`
    insert into users (email, name, role, language, company_id)
    select 'customer' || g || '@company' || (g % 5000) || '.bench.example',
      (array['Anna','Jan','Lena','Reza','Maria','Omid','Paul','Zofia'])[1 + g % 8] || ' ' || (array['Kowalska','Müller','Ahmadi','Smith','Nowak','Schröder','Karimi','Brown'])[1 + (g / 8) % 8] || ' ' || g,
      'customer', (array['en','en','en','en','en','en','en','en','de','de','de','de','de','pl','pl','pl','pl','fa','fa','fa'])[1 + g % 20],
      case when g % 5 = 0 then null else ${firstCompany!.id}::bigint + (g * 7) % 5000 end
    from generate_series(1, ${CUSTOMERS}) g order by g`;
  const [cust] = await sql`select min(id)::int as base, count(*)::int as n from users where email like 'customer%@company%.bench.example'`;
  const agents = await sql<{ id: number; n: number }[]>`
    select id::int, substr(split_part(email, '@', 1), 13)::int as n from users where email like 'bench-agent-%' order by 2`;
  const queueRows = await sql<{ id: number }[]>`select id::int from queues where name like 'Bench::%' order by name`;
  const stateRows = await sql<{ id: number; name: string }[]>`select id::int, name from states`;
  const state = (name: string) => stateRows.find((s) => s.name === name)!.id;
  const priorities = await sql<{ id: number }[]>`select id::int from priorities order by level`;
  const types = await sql<{ id: number }[]>`select id::int from ticket_types order by id`;
  return {
    tickets: size,
    queueIds: queueRows.map((q) => q.id),
    agentsByRole: Array.from({ length: roles }, (_, r) => agents.filter((a) => a.n % roles === r).map((a) => a.id)),
    // Customer ordinal g has id base + g - 1 (one insert, ordered by g); the company offset too.
    customerBase: cust!.base,
    customers: cust!.n,
    companyBase: firstCompany!.id,
    stateIds: { new: state("new"), open: state("open"), pending: state("pending reminder"), closed: state("closed successful"), closedBad: state("closed unsuccessful"), merged: state("merged"), removed: state("removed") },
    priorityIds: priorities.map((p) => p.id),
    typeIds: types.map((t) => t.id),
    now: new Date(),
  };
}

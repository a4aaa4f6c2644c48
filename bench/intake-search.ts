import { readFileSync } from "node:fs";
import postgres from "postgres";
import { databaseUrl, ensureDatabase, startBenchCluster } from "./cluster";
import { plan, readMarker } from "./desk";
import { percentile } from "./ops";
import { COMMON_WORD, RARE_WORDS, SUBJECTS, VOCABULARY } from "./words";

/**
 * `npm run bench:intake-search` on the generated 1,000,000-ticket desk (never generates one):
 * applies migration 0019 directly and times each statement (the word list's backfill is the long
 * one), then measures, in-process on the pool (no HTTP), the search service for the language
 * cases and the duplicate check a ticket creation now runs. Each ticket is opened through the
 * lifecycle in a transaction that is rolled back, so the desk is left as it was.
 */
const SIZE = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5551);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const log = (msg: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const ms = (n: number) => Math.round(n * 100) / 100;
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: ms(percentile(sorted, 0.5)), p95: ms(percentile(sorted, 0.95)), max: ms(sorted.at(-1) ?? NaN) };
};

const cluster = await startBenchCluster(PG_PORT);
const name = `helpdesk_bench_${SIZE}`;
await ensureDatabase(cluster.serverUrl, name, false);
const url = databaseUrl(cluster.serverUrl, name);
process.env.DATABASE_URL = url;
process.env.LOG_LEVEL ??= "warn";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";

async function run() {
const raw = postgres(url, { max: 1, onnotice: () => {} });
try {
  if (plan(await readMarker(raw), SIZE).action === "generate") throw new Error(`no generated desk of ${SIZE} tickets here; run npm run bench first`);
  log("applying db/migrations/0019_duplicates_search.sql statement by statement");
  const statements = readFileSync("db/migrations/0019_duplicates_search.sql", "utf8").split("--> statement-breakpoint");
  for (const statement of statements) {
    const started = performance.now();
    await raw.unsafe(statement);
    const first = statement.replace(/^(\s*--[^\n]*\n)*/u, "").trim().split("\n")[0]!.slice(0, 90);
    log(`  ${ms((performance.now() - started) / 1000)} s  ${first}`);
  }
  await raw`analyze search_words`;
  const [words] = await raw`select count(*)::int as n, pg_size_pretty(pg_total_relation_size('search_words')) as size from search_words`;
  log(`search_words: ${words!.n} words, ${words!.size} with its indexes`);
} finally {
  await raw.end();
}

const { db } = await import("@/db");
const { sql } = await import("drizzle-orm");
const { loadActor } = await import("@/server/auth/actor");
const { searchTickets } = await import("@/server/services/search/tickets");
const { openTicket } = await import("@/server/services/tickets/lifecycle");
const { recordPossibleDuplicates } = await import("@/server/services/duplicates/detect");

// An agent of the first role (rw on four queues), as the HTTP bench's agents.
const [agentRow] = await db.execute<{ id: string; session_version: number }>(sql`
  select u.id, u.session_version from users u join user_roles ur on ur.user_id = u.id where u.role = 'agent' order by u.id limit 1`);
const agent = (await loadActor(db, Number(agentRow!.id), agentRow!.session_version))!;

const QUERIES: [string, string[]][] = [
  ["rare word (as before)", RARE_WORDS],
  ["common word (as before)", [COMMON_WORD]],
  ["word inside a compound (haltestelle, bahnhaltestelle)", ["haltestelle", "bahnhaltestelle"]],
  ["Polish inflected form (źdźbłowa, źdźbłowych)", ["źdźbłowa", "źdźbłowych"]],
  ["common German word (straße) also inside compounds", ["strasse"]],
];
const searchResults: Record<string, { p50: number; p95: number; max: number; hits: number }> = {};
for (const [label, words] of QUERIES) {
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < 20 + SAMPLES; i++) {
    const started = performance.now();
    const result = await searchTickets(db, agent, { query: words[i % words.length]!, limit: 25 });
    if (i >= 20) times.push(performance.now() - started);
    hits = result.items.length;
  }
  searchResults[label] = { ...stats(times), hits };
  log(`search ${label}: ${JSON.stringify(searchResults[label])}`);
}

  if (process.env.BENCH_SEARCH_ONLY === "1") return;
  // Customers with open tickets (the check's real work) and without, half each.
const customers = await db.execute<{ id: string; company: string | null; open: boolean }>(sql`
  (select t.customer_user_id as id, t.customer_company_id as company, true as open from tickets t
    where t.state_type in ('new', 'open') and t.archived = false and t.customer_user_id is not null
    order by t.id desc limit ${SAMPLES / 2})
  union all
  (select u.id, u.company_id, false from users u where u.role = 'customer' order by random() limit ${SAMPLES / 2})`);
const [queueRow] = await db.execute<{ id: string }>(sql`select id from queues order by id limit 1`);
const [stateRow] = await db.execute<{ id: string }>(sql`select id from states where type = 'new' order by id limit 1`);
const [priorityRow] = await db.execute<{ id: string }>(sql`select id from priorities order by level limit 1 offset 2`);

const open: number[] = [];
const check: number[] = [];
const checkWithOpen: number[] = [];
let found = 0;
const rollback = new Error("rollback");
for (let i = 0; i < customers.length; i++) {
  const c = customers[i]!;
  const lang = (["en", "de", "pl", "fa"] as const)[i % 4]!;
  const title = SUBJECTS[lang][i % SUBJECTS[lang].length]!;
  const vocabulary = VOCABULARY[lang];
  const body = Array.from({ length: 60 }, (_, k) => vocabulary[(i * 7 + k * 13) % vocabulary.length]).join(" ");
  await db
    .transaction(async (tx) => {
      const t0 = performance.now();
      const { ticket, article } = await openTicket(
        tx,
        null,
        { title, queueId: Number(queueRow!.id), state: { id: Number(stateRow!.id), type: "new" }, priorityId: Number(priorityRow!.id), customerUserId: Number(c.id), customerCompanyId: c.company === null ? null : Number(c.company) },
        { channel: "email", senderType: "customer", subject: title, bodyText: body },
        { checkDuplicates: false },
      );
      const t1 = performance.now();
      await recordPossibleDuplicates(tx, ticket, body, article.id);
      const t2 = performance.now();
      const [n] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ticket_duplicates where ticket_id = ${ticket.id}`);
      found += n!.n > 0 ? 1 : 0;
      if (i >= 10) {
        open.push(t1 - t0);
        check.push(t2 - t1);
        if (c.open) checkWithOpen.push(t2 - t1);
      }
      throw rollback;
    })
    .catch((e: unknown) => {
      if (e !== rollback) throw e;
    });
}
const duplicateResults = { openTicket: stats(open), duplicateCheck: stats(check), duplicateCheckCustomerWithOpenTickets: stats(checkWithOpen), ticketsWithASuggestion: found, samples: customers.length };
log(`duplicate check: ${JSON.stringify(duplicateResults)}`);
console.log(JSON.stringify({ search: searchResults, duplicates: duplicateResults }, null, 2));
}

try {
  await run();
} finally {
  await cluster.stop();
}
process.exit(0);

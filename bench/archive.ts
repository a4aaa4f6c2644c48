import os from "node:os";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { createDb } from "@/db";
import { tickets } from "@/db/schema";
import { migrateDatabase } from "@/scripts/migrate";
import { ARCHIVE_BATCH, archiveClosedTickets } from "@/server/services/tickets/archive";
import { commitChange } from "@/server/services/tickets/lifecycle";
import { BENCH_SETTINGS, databaseUrl, ensureDatabase, startBenchCluster } from "./cluster";

/**
 * `npm run bench:archive`: the nightly archive of BENCH_ARCHIVE_TICKETS (100,000) closed tickets
 * older than the archive period, next to BENCH_ARCHIVE_OTHERS (100,000) tickets it must leave
 * alone (recently closed and working ones), in a private cluster (BENCH_ARCHIVE_PG_PORT, 5563),
 * rebuilt on every run. While `archiveClosedTickets` (the job's service) runs, two agents work
 * through the lifecycle: one edits open tickets (the usual change: no counter row touched) and
 * one closes open tickets in the queues being archived (the worst case: the same per-queue
 * "closed" counter row the archive batch is decrementing). Prints the archive's time and the
 * agents' update latencies before and during it. BENCH_ARCHIVE_BATCH overrides the batch size.
 */
const OLD = Number(process.env.BENCH_ARCHIVE_TICKETS ?? 100_000);
const OTHERS = Number(process.env.BENCH_ARCHIVE_OTHERS ?? 100_000);
const PG_PORT = Number(process.env.BENCH_ARCHIVE_PG_PORT ?? 5563);
const BATCH = Number(process.env.BENCH_ARCHIVE_BATCH ?? ARCHIVE_BATCH);
const QUEUES = 20;
const CHUNK = 20_000;
function log(msg: string) {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

const cluster = await startBenchCluster(PG_PORT);
const name = "helpdesk_bench_archive";
await ensureDatabase(cluster.serverUrl, name, true);
const url = databaseUrl(cluster.serverUrl, name);
try {
  await migrateDatabase(url);
  const agentId = await build(url);
  await run(url, agentId);
} finally {
  await cluster.stop();
}

/** Reference rows and the tickets, inserted set-based with every trigger on (counters, search vector). */
async function build(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const started = performance.now();
    const [group] = await sql`insert into groups (name) values ('bench') returning id`;
    await sql`
      insert into queues (name, group_id) select 'Bench ' || q, ${group!.id} from generate_series(1, ${QUEUES}) q`;
    const [agent] = await sql`insert into users (email, name, role) values ('agent@bench.example', 'Bench Agent', 'agent') returning id`;
    await sql`insert into user_group_permissions (user_id, group_id, permission) values (${agent!.id}, ${group!.id}, 'rw')`;
    await sql`
      insert into users (email, name, role) select 'customer' || c || '@bench.example', 'Customer ' || c, 'customer' from generate_series(1, 1000) c`;
    await sql`insert into settings (key, value) values ('ticket.archive_days', '30') on conflict (key) do update set value = excluded.value`;
    const total = OLD + OTHERS;
    for (let from = 1; from <= total; from += CHUNK) {
      const to = Math.min(total, from + CHUNK - 1);
      // Tickets 1..OLD closed 31–395 days ago; of the others, 60 % closed in the last 29 days, the rest open or new.
      await sql`
        with q as (select array_agg(id order by id) ids from queues where name like 'Bench %'),
        c as (select array_agg(id order by id) ids from users where email like 'customer%@bench.example'),
        s as (select (select id from states where name = 'closed successful') closed, (select id from states where name = 'open') open,
                     (select id from states where name = 'new') new_, (select id from priorities where level = 3) prio),
        rows as (
          select i,
            case when i <= ${OLD} then now() - make_interval(days => 31 + i % 365, mins => i % 1440)
                 when i % 10 < 6 then now() - make_interval(days => i % 29, mins => i % 1440) end as closed_at
          from generate_series(${from}::int, ${to}::int) i)
        insert into tickets (number, title, queue_id, state_id, state_type, priority_id, customer_user_id, closed_at, created_at, changed_at)
        select 'B' || lpad(i::text, 9, '0'), 'Bench ticket ' || i, q.ids[1 + i % ${QUEUES}],
          case when closed_at is not null then s.closed when i % 2 = 0 then s.open else s.new_ end,
          (case when closed_at is not null then 'closed' when i % 2 = 0 then 'open' else 'new' end)::state_type,
          s.prio, c.ids[1 + i % 1000], closed_at,
          coalesce(closed_at, now() - make_interval(days => i % 20)) - interval '2 days', coalesce(closed_at, now() - make_interval(days => i % 20))
        from rows, q, c, s`;
      log(`  ${to.toLocaleString("en")} tickets`);
    }
    await sql`vacuum (analyze) tickets`;
    await sql`vacuum (analyze) queue_ticket_counts`;
    log(`built ${total.toLocaleString("en")} tickets (${OLD.toLocaleString("en")} to archive) in ${seconds(started)} s`);
    return Number(agent!.id);
  } finally {
    await sql.end();
  }
}

async function run(url: string, agentId: number) {
  const archiveDb = createDb(url, 2);
  const agentsDb = createDb(url, 4);
  const check = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const open = (await check<{ id: number; queue_id: number }[]>`select id::int, queue_id::int from tickets where state_type in ('new', 'open') order by id`).map((r) => r.id);
    const editable = open.filter((_, i) => i % 2 === 0);
    const closable = open.filter((_, i) => i % 2 === 1);
    const agent = { id: agentId };
    const [closedState] = await check<{ id: number }[]>`select id::int from states where name = 'closed successful'`;

    const edit = async (i: number) => {
      const id = editable[i % editable.length]!;
      await agentsDb.transaction(async (tx) => {
        const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update");
        await commitChange(tx, agent, row!, { title: `Edited ${i}` }, [{ event: "title_changed", field: "title", newValue: `Edited ${i}` }]);
      });
    };
    let closeNext = 0;
    const close = async () => {
      const id = closable[closeNext++ % closable.length]!;
      await agentsDb.transaction(async (tx) => {
        const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update");
        if (row!.stateType === "closed") return;
        await commitChange(tx, agent, row!, { stateId: closedState!.id, stateType: "closed" }, [{ event: "state_changed", field: "state", newId: closedState!.id, newValue: "closed successful" }]);
      });
    };

    const baseline = await agentsLoop(edit, close, () => sleep(5_000));
    log(`agents before the archive: ${describe(baseline)}`);

    let result: Awaited<ReturnType<typeof archiveClosedTickets>> | undefined;
    let archiveMs = 0;
    const during = await agentsLoop(edit, close, async () => {
      const started = performance.now();
      result = await archiveClosedTickets(archiveDb, { batchSize: BATCH });
      archiveMs = performance.now() - started;
    });
    const [left] = await check`select count(*)::int as n from tickets where state_type = 'closed' and not archived and closed_at < now() - interval '30 days'`;
    const [wrong] = await check`select count(*)::int as n from tickets where archived and (state_type <> 'closed' or closed_at >= now() - interval '30 days')`;
    const [drift] = await check`
      select count(*)::int as n from (
        select queue_id, state_type, count(*)::int as n from tickets where not archived group by 1, 2
      ) exact full join (select queue_id, state_type, count as n from queue_ticket_counts where count <> 0) kept using (queue_id, state_type)
      where exact.n is distinct from kept.n`;

    log(`archive: ${result!.archived.toLocaleString("en")} tickets in ${(archiveMs / 1000).toFixed(1)} s (${Math.round(result!.archived / (archiveMs / 1000)).toLocaleString("en")}/s), ${result!.batches} batches of ${BATCH}`);
    log(`agents during the archive: ${describe(during)}`);
    log(`checks: old closed tickets left unarchived ${left!.n}; archived that should not be ${wrong!.n}; counter rows off ${drift!.n}`);
    log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; PostgreSQL settings ${JSON.stringify(BENCH_SETTINGS)}`);
    if (left!.n !== 0 || wrong!.n !== 0 || drift!.n !== 0) process.exitCode = 1;
  } finally {
    await archiveDb.$client.end();
    await agentsDb.$client.end();
    await check.end();
  }
}

type Latencies = { edit: number[]; close: number[] };

/** Runs both agents (one change every 20 ms each) until `work` is done; returns each change's latency in ms. */
async function agentsLoop(edit: (i: number) => Promise<void>, close: () => Promise<void>, work: () => Promise<void>): Promise<Latencies> {
  const out: Latencies = { edit: [], close: [] };
  let done = false;
  const loop = async (into: number[], change: (i: number) => Promise<void>) => {
    for (let i = 0; !done; i++) {
      const started = performance.now();
      await change(i);
      into.push(performance.now() - started);
      await sleep(20);
    }
  };
  const agents = Promise.all([loop(out.edit, edit), loop(out.close, () => close())]);
  try {
    await work();
  } finally {
    done = true;
    await agents;
  }
  return out;
}

function describe(l: Latencies): string {
  const part = (label: string, xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1);
    return `${label} n=${xs.length} p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`;
  };
  return `${part("edit", l.edit)}; ${part("close (same counter rows)", l.close)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

function seconds(since: number) {
  return Math.round((performance.now() - since) / 100) / 10;
}

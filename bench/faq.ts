import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, ensureDatabase, startBenchCluster } from "./cluster";
import { plan, readMarker } from "./desk";
import { percentile } from "./ops";
import { LANGUAGES, VOCABULARY, type Language } from "./words";

/**
 * `npm run bench:faq`: FAQ suggestions on the 1,000,000-ticket benchmark desk (BENCH_TICKETS; the
 * desk of `npm run bench`, never generated here: run that first). Inserts BENCH_FAQ_ARTICLES
 * (10,000) published articles, each in English and one other language, from the desk's
 * vocabularies, then measures what a customer's keystroke costs: `suggestFaq` (any typed word
 * may match, ranked, snippets) for BENCH_SAMPLES (500) new-request texts of 3–8 subject words
 * and 15–60 body words in the customer's language, and the FAQ search box (`searchFaq`, every
 * word must match) for comparison. Prints p50/p95/max in ms and a JSON line.
 *
 * The shared desk may carry other branches' migrations: this applies migration 0018 itself
 * (idempotent) after the regular migrations.
 */
const SIZE = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5551);
const ARTICLES = Number(process.env.BENCH_FAQ_ARTICLES ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);
const log = (msg: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const ms = (n: number) => Math.round(n * 100) / 100;

/** BENCH_FAQ_ONLY=1: a private database with the FAQ alone (no desk), for trying the queries quickly. */
const FAQ_ONLY = process.env.BENCH_FAQ_ONLY === "1";
const cluster = await startBenchCluster(PG_PORT);
if (FAQ_ONLY) await ensureDatabase(cluster.serverUrl, "helpdesk_bench_faq", false);
const url = databaseUrl(cluster.serverUrl, FAQ_ONLY ? "helpdesk_bench_faq" : `helpdesk_bench_${SIZE}`);
process.env.DATABASE_URL = url;
process.env.LOG_LEVEL ??= "warn";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
try {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const marker = await readMarker(admin).catch(() => null);
  if (!FAQ_ONLY && plan(marker, SIZE).action === "generate") throw new Error(`no ${SIZE}-ticket desk here: run \`npm run bench\` first (this bench never generates one)`);
  const { migrateDatabase } = await import("@/scripts/migrate");
  await migrateDatabase(url);
  for (const statement of readFileSync(path.resolve("db/migrations/0018_faq.sql"), "utf8").split("--> statement-breakpoint")) await admin.unsafe(statement);
  if (FAQ_ONLY) await admin`insert into users (email, name, role) select 'customer@faq.example', 'FAQ Customer', 'customer' where not exists (select 1 from users where role = 'customer')`;
  await insertArticles(admin);
  await admin.unsafe("analyze faq_articles; analyze faq_translations");
  const [tickets] = await admin<{ n: string }[]>`select count(*) as n from tickets`;
  await admin.end();
  await measure(Number(tickets!.n));
} finally {
  await cluster.stop();
}
// The app's pool (db) stays open otherwise.
process.exit(0);

/** 10,000 published articles (customers' visibility) in a "Bench FAQ" category, once. */
async function insertArticles(sql: postgres.Sql) {
  const [have] = await sql<{ n: string }[]>`select count(*) as n from faq_articles a join faq_categories c on c.id = a.category_id where c.names->>'en' = 'Bench FAQ'`;
  if (Number(have!.n) >= ARTICLES) return log(`${Number(have!.n).toLocaleString("en")} bench FAQ articles already there`);
  const started = performance.now();
  const [category] = await sql<{ id: string }[]>`
    insert into faq_categories (names) select '{"en": "Bench FAQ"}'::jsonb where not exists (select 1 from faq_categories where names->>'en' = 'Bench FAQ') returning id`;
  const categoryId = category?.id ?? (await sql<{ id: string }[]>`select id from faq_categories where names->>'en' = 'Bench FAQ'`)[0]!.id;
  const missing = ARTICLES - Number(have!.n);
  for (let done = 0; done < missing; done += 1000) {
    const n = Math.min(1000, missing - done);
    const ids = await sql<{ id: string }[]>`
      insert into faq_articles (category_id, visibility, state, published_at)
      select ${categoryId}, 'customers', 'published', now() from generate_series(1, ${n}) returning id`;
    const rows = ids.flatMap(({ id }, i) => {
      const other = LANGUAGES[1 + ((done + i) % 3)]!;
      return [translation(Number(id), "en"), translation(Number(id), other)];
    });
    await sql`insert into faq_translations ${sql(rows, "article_id", "language", "title", "body_markdown", "body_html", "body_text", "keywords")}`;
  }
  log(`inserted ${missing.toLocaleString("en")} FAQ articles (${(missing * 2).toLocaleString("en")} translations) in ${Math.round((performance.now() - started) / 1000)} s`);
}

function translation(articleId: number, language: Language) {
  const title = words(language, 4 + rnd(5)).join(" ");
  const body = words(language, 80 + rnd(120)).join(" ");
  return { article_id: articleId, language, title, body_markdown: body, body_html: `<p>${body}</p>`, body_text: body, keywords: words(language, 3).join(" ") };
}

async function measure(tickets: number) {
  const { db } = await import("@/db");
  const { suggestFaq, searchFaq } = await import("@/server/services/faq/read");
  const [customer] = await db.execute<{ id: string; email: string; name: string }>((await import("drizzle-orm")).sql`select id, email, name from users where role = 'customer' order by id limit 1`);
  const reader = (language: string) => ({ id: Number(customer!.id), role: "customer" as const, email: customer!.email, name: customer!.name, language, timeZone: "UTC", companyId: null, seesCompanyTickets: false, preferGregorian: false });
  // Warm the caches the way a running desk has them.
  for (let i = 0; i < 20; i++) await suggestFaq(db, reader("en"), "en", typed("en"));
  const timings: Record<string, number[]> = { suggest: [], search: [] };
  let found = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const language = LANGUAGES[i % LANGUAGES.length]!;
    const input = typed(language);
    let t = performance.now();
    const hits = await suggestFaq(db, reader(language), language, input);
    timings.suggest!.push(performance.now() - t);
    if (hits.length > 0) found++;
    t = performance.now();
    await searchFaq(db, reader(language), language, { query: words(language, 2).join(" ") });
    timings.search!.push(performance.now() - t);
  }
  const row = (name: string, list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { name, p50: ms(percentile(sorted, 0.5)), p95: ms(percentile(sorted, 0.95)), max: ms(sorted.at(-1)!) };
  };
  const rows = [row("suggestion while typing (subject + body: its rarest words, any may match)", timings.suggest!), row("FAQ search box (two words, all must match)", timings.search!)];
  process.stdout.write(`\n${tickets.toLocaleString("en")} tickets, ${ARTICLES.toLocaleString("en")} FAQ articles, ${SAMPLES} samples; suggestions found for ${found}\n\n`);
  process.stdout.write(["| query | p50 ms | p95 ms | max ms |", "| --- | ---: | ---: | ---: |", ...rows.map((r) => `| ${r.name} | ${r.p50} | ${r.p95} | ${r.max} |`)].join("\n") + "\n");
  process.stdout.write(`${JSON.stringify({ tickets, articles: ARTICLES, samples: SAMPLES, found, rows })}\n`);
}

function typed(language: Language) {
  return { subject: words(language, 3 + rnd(6)).join(" "), body: words(language, 15 + rnd(46)).join(" "), limit: 5 };
}

function words(language: Language, n: number): string[] {
  const list = VOCABULARY[language];
  return Array.from({ length: n }, () => list[rnd(list.length)]!);
}

function rnd(n: number): number {
  return Math.floor(Math.random() * n);
}

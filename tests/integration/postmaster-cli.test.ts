import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import * as s from "@/db/schema";
import { setSetting } from "@/server/services/settings";
import { tableCounts } from "../helpers/db-state";
import { buildMail } from "../helpers/mail";

type Run = { code: number | null; stdout: string; stderr: string };

/** `npm run -s postmaster` as an MTA runs it: the real script in a process of its own, mail on stdin. */
function postmaster(raw: Buffer, env: Record<string, string> = {}, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/postmaster.ts", ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET!, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(raw);
  });
}

function oneJsonLine(run: Run) {
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.split("\n").filter((l) => l !== "");
  expect(lines, run.stdout).toHaveLength(1);
  expect(run.stdout.endsWith("\n")).toBe(true);
  const result = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(Object.keys(result).sort()).toEqual(["articleId", "outcome", "reason", "ticketNumber"]);
  return result;
}

/** A port on this machine nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("postmaster CLI (npm run -s postmaster < message.eml)", { timeout: 120_000 }, () => {
  it("prints exactly one JSON line with the documented keys and exits 0", async () => {
    const raw = buildMail({ subject: "Piped in" });
    const result = oneJsonLine(await postmaster(raw));
    expect(result).toMatchObject({ outcome: "created", reason: null });
    expect(result.ticketNumber).toEqual(expect.stringMatching(/^\d{16,}$/));
    expect(result.articleId).toEqual(expect.stringMatching(/^\d+$/));
    const [article] = await db.select().from(s.articles).where(eq(s.articles.id, Number(result.articleId)));
    expect(article).toMatchObject({ subject: "Piped in", channel: "email" });
  });

  it("--queue NAME puts the ticket in that queue", async () => {
    const [queue] = await db.insert(s.queues).values({ name: `Piped ${Date.now()}`, groupId: (await db.select().from(s.groups).limit(1))[0]!.id }).returning();
    const result = oneJsonLine(await postmaster(buildMail(), {}, ["--queue", queue!.name]));
    const [ticket] = await db.select().from(s.tickets).where(eq(s.tickets.number, String(result.ticketNumber)));
    expect(ticket!.queueId).toBe(queue!.id);
  });

  it("a message without a sender is quarantined, still exit 0 and one line", async () => {
    const result = oneJsonLine(await postmaster(buildMail({ from: null })));
    expect(result).toMatchObject({ outcome: "quarantined", ticketNumber: null, articleId: null, reason: "the message has no sender address" });
  });

  it("two processes started at once with the same message: one created, one duplicate", async () => {
    const raw = buildMail({ subject: `Delivered twice at once ${Date.now()}` });
    const results = (await Promise.all([postmaster(raw), postmaster(raw)])).map(oneJsonLine);
    expect(results.map((r) => r.outcome).sort()).toEqual(["created", "duplicate"]);
    expect(results[0]!.ticketNumber).toBe(results[1]!.ticketNumber);
    const [created] = results.filter((r) => r.outcome === "created");
    const articles = await db.select().from(s.articles).where(eq(s.articles.ticketId, (await db.select().from(s.tickets).where(eq(s.tickets.number, String(created!.ticketNumber))))[0]!.id));
    expect(articles).toHaveLength(1);
  });

  it("a message over mail.max_message_bytes: read only up to the limit, exit 65 (EX_DATAERR, the MTA bounces it), one JSON line, nothing written", async () => {
    await setSetting(db, "mail.max_message_bytes", 100_000);
    try {
      const before = await tableCounts();
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/postmaster.ts"], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: process.env.AUTH_SECRET! },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stdin.on("error", () => {}); // EPIPE once the postmaster stops reading
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      // Up to 8 MiB offered; the old postmaster read all of it and made a ticket.
      const head = buildMail({ subject: "Far too big", text: "x" });
      let written = 0;
      let done = false;
      void closed.then(() => (done = true));
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      child.stdin.write(head);
      while (!done && written < 8 * 1024 * 1024) {
        if (!child.stdin.write(chunk)) await new Promise((resolve) => setTimeout(resolve, 5));
        written += chunk.length;
      }
      child.stdin.end();
      expect(await closed).toBe(65);
      expect(JSON.parse(stdout.trim())).toEqual({ outcome: "refused", ticketNumber: null, articleId: null, reason: "adminMail.quarantine.reasons.tooLarge" });
      expect(await tableCounts()).toEqual(before);
    } finally {
      await db.delete(s.settings).where(eq(s.settings.key, "mail.max_message_bytes"));
    }
  });

  it("when the database cannot be reached: exit 75 (EX_TEMPFAIL), nothing on stdout, nothing written", async () => {
    const before = await tableCounts();
    const port = await closedPort();
    const run = await postmaster(buildMail({ subject: "Nobody home" }), { DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/helpdesk` });
    expect(run.code).toBe(75);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/cannot reach the database/);
    expect(await tableCounts()).toEqual(before);
  });
});

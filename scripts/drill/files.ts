import type postgres from "postgres";
import type { Mail } from "@/bench/load";
import type { AgentSession } from "@/bench/http";
import type { FakeUploadThing } from "@/tests/helpers/fake-uploadthing";

export type FileCheck = { attachments: number; onUploadThing: number; downloaded: number; mismatched: number; notes: string[] };

/**
 * Every attachment the drill sent was stored on UploadThing (its stored_files row says so and the
 * bytes there are the bytes sent), and a sample comes back byte for byte over HTTP through the
 * balancer (GET /api/attachments/:id, whichever web instance answers). The sample's tickets are
 * first moved into a queue of the downloading agent (a plain UPDATE on this throwaway desk: the
 * check is about files, not permissions).
 */
export async function checkFiles(sql: postgres.Sql, mails: Mail[], files: FakeUploadThing, agent: AgentSession, queueId: number, sample = 30): Promise<FileCheck> {
  const result: FileCheck = { attachments: 0, onUploadThing: 0, downloaded: 0, mismatched: 0, notes: [] };
  const withFiles = mails.filter((m) => m.attachment);
  const rows = await sql<{ message_id: string; id: string; ticket_id: string; backend: string; remote_key: string | null }[]>`
    select a.message_id, t.id, a.ticket_id, f.backend, f.remote_key
    from articles a join attachments t on t.article_id = a.id join stored_files f on f.sha256 = t.file_sha256
    where a.message_id = any(${withFiles.map((m) => m.messageId)}::text[])`;
  const byId = new Map(withFiles.map((m) => [m.messageId, m.attachment!]));
  for (const row of rows) {
    result.attachments++;
    const sent = byId.get(row.message_id)!;
    const remote = row.remote_key ? files.files.get(row.remote_key) : undefined;
    if (row.backend === "uploadthing" && remote?.bytes.equals(sent)) result.onUploadThing++;
    else {
      result.mismatched++;
      if (result.notes.length < 5) result.notes.push(`${row.message_id}: backend ${row.backend}, ${remote ? "other bytes" : "missing"} at UploadThing`);
    }
  }
  if (rows.length < withFiles.length) {
    result.mismatched += withFiles.length - rows.length;
    result.notes.push(`${withFiles.length - rows.length} attachments sent but not stored`);
  }
  const picked = rows.slice(0, sample);
  if (picked.length) await sql`update tickets set queue_id = ${queueId} where id = any(${picked.map((r) => r.ticket_id)}::bigint[])`;
  for (const row of picked) {
    const answer = await agent.get(`/api/attachments/${row.id}`);
    if (answer.status === 200 && Buffer.from(answer.bytes).equals(byId.get(row.message_id)!)) result.downloaded++;
    else {
      result.mismatched++;
      if (result.notes.length < 10) result.notes.push(`GET /api/attachments/${row.id}: HTTP ${answer.status}`);
    }
  }
  return result;
}

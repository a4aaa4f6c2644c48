import { once } from "node:events";
import type { Writable } from "node:stream";
import type postgres from "postgres";

type Target = { table: string; columns: string };

/**
 * Streams generated COPY text into several tables at once, one reserved connection per table,
 * with triggers and foreign-key checks off (session_replication_role = replica): the generator
 * writes consistent rows, and derived columns are filled set-based afterwards.
 */
export async function copyInto<K extends string>(
  sql: postgres.Sql,
  targets: Record<K, Target>,
  chunks: Iterable<Record<K, string>>,
  onChunk: () => void = () => {},
): Promise<void> {
  const keys = Object.keys(targets) as K[];
  const open = await Promise.all(
    keys.map(async (key) => {
      const connection = await sql.reserve();
      await connection`set session_replication_role = replica`;
      const { table, columns } = targets[key];
      const stream: Writable = await connection.unsafe(`copy ${table} (${columns}) from stdin`).writable();
      let failure: unknown = null;
      stream.on("error", (e) => (failure = e));
      return { key, connection, stream, failed: () => failure };
    }),
  );
  try {
    for (const chunk of chunks) {
      await Promise.all(
        open.map(async ({ key, stream, failed }) => {
          if (failed()) throw failed();
          const text = chunk[key];
          if (text && !stream.write(text)) await once(stream, "drain");
        }),
      );
      onChunk();
    }
    await Promise.all(
      open.map(async ({ stream, failed }) => {
        stream.end();
        if (!stream.writableFinished) await once(stream, "finish");
        if (failed()) throw failed();
      }),
    );
  } finally {
    for (const { connection } of open) connection.release();
  }
}

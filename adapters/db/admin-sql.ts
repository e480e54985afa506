// One administrative statement (CREATE/DROP DATABASE…) on its own connection: such
// statements cannot run inside Prisma's transactions or on a pooled connection.
import pg from "pg";

export async function runAdminSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

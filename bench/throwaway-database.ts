// A PostgreSQL database made for one benchmark run on BENCH_DATABASE_URL's server, dropped afterwards.
import { randomBytes } from "node:crypto";
import { runAdminSql } from "../adapters/db/admin-sql.js";

export async function throwawayDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `yizhan_bench_${randomBytes(4).toString("hex")}`;
  await runAdminSql(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runAdminSql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// A PostgreSQL server of the test's own, on another port, for fault tests: they stop and start
// only what they started (the shared 5432 server is never touched). Needs the server binaries
// (Debian's postgresql package) and, when run as root, the "postgres" system user to own the data.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = "/usr/lib/postgresql";
const binDir = existsSync(ROOT) ? readdirSync(ROOT).map((v) => join(ROOT, v, "bin")).find((d) => existsSync(join(d, "pg_ctl"))) : undefined;
const asRoot = process.getuid?.() === 0;

function postgresUid(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

export const privatePostgresAvailable = binDir !== undefined && (!asRoot || postgresUid() !== undefined);

export interface PrivatePostgres {
  url: string;
  stop(): void;
  start(): void;
  dispose(): void;
}

export function startPrivatePostgres(): PrivatePostgres {
  if (!binDir) throw new Error("PostgreSQL server binaries not found");
  const dir = mkdtempSync(join(tmpdir(), "yizhan-pg-"));
  const data = join(dir, "data");
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const owner = asRoot ? postgresUid() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (bin: string, args: string[]) => {
    const cmd = join(binDir, bin);
    if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "ignore" });
    else execFileSync(cmd, args, { stdio: "ignore" });
  };
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-w", "-l", join(dir, "log"), "start"]);
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    dispose() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

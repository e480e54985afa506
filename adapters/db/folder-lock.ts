// One writer per embedded database folder. PGlite keeps the whole database in one process's
// memory and writes it back to the folder; a second process (`yizhan staff add` while `npm start`
// runs) would read a stale copy and the last one to close would overwrite the other's writes. The
// lock is a file naming the owner's process id: a crashed owner's lock is recognised at once (its
// process is gone), which a time-based lock (proper-lockfile's mtime refresh) would only see later.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const LOCK_FILE = "yizhan.lock";

/** Another running process holds the folder; the message is for people. */
export class FolderInUseError extends Error {
  override name = "FolderInUseError";
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dir} 正在被另一个一站进程（PID ${pid}）使用。内置数据库同一时间只能由一个进程打开：` +
        `请在服务运行时通过网页控制台操作，或先停止服务再执行此命令；部署时请使用 DATABASE_URL 连接 PostgreSQL。`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number((JSON.parse(readFileSync(path, "utf8")) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the folder for this process; returns the release. Throws FolderInUseError when another live process has it. */
export function lockFolder(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const body = JSON.stringify({ pid: process.pid, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, body, { flag: "wx" });
      return () => {
        if (ownerOf(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = ownerOf(path);
      if (owner !== undefined && owner !== process.pid && alive(owner)) throw new FolderInUseError(dir, owner);
      // A lock left by a process that is gone (or by this one, reopening): take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}

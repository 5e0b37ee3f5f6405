import fs from "node:fs";
import path from "node:path";

/**
 * A running server marks the SQLite data directory it uses with `mesa-<pid>.pid`, so `npm run
 * restore` can refuse to swap the database file under it. One file per process (several processes
 * may share one SQLite file); several apps in one process (the tests) share the file, counted here.
 * A file whose process is gone (killed with SIGKILL, a crash) is stale and ignored.
 */
const held = new Map<string, number>();
const PATTERN = /^mesa-(\d+)\.pid$/;

const lockFile = (dataDir: string, pid = process.pid) => path.join(dataDir, `mesa-${pid}.pid`);

function removeAllHeld(): void {
  for (const dir of held.keys()) fs.rmSync(lockFile(dir), { force: true });
  held.clear();
}

/** Marks `dataDir` as in use by this process until the returned release function is called. */
export function holdDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const count = held.get(dir) ?? 0;
  if (count === 0) {
    fs.writeFileSync(lockFile(dir), `${process.pid}\n`);
    // process.exit() skips onClose hooks; 'exit' listeners still run and may unlink synchronously.
    if (held.size === 0) process.once("exit", removeAllHeld);
  }
  held.set(dir, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(dir) ?? 1) - 1;
    if (left > 0) {
      held.set(dir, left);
      return;
    }
    held.delete(dir);
    fs.rmSync(lockFile(dir), { force: true });
    if (held.size === 0) process.removeListener("exit", removeAllHeld);
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process ids of live servers using `dataDir`; stale pid files are removed on the way. */
export function dataDirHolders(dataDir: string): number[] {
  if (!fs.existsSync(dataDir)) return [];
  const pids: number[] = [];
  for (const name of fs.readdirSync(dataDir)) {
    const m = PATTERN.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (isAlive(pid)) pids.push(pid);
    else fs.rmSync(path.join(dataDir, name), { force: true });
  }
  return pids;
}

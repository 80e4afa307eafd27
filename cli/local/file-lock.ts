import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { DatabaseLockedError } from "./errors.ts";

/** True if a process with this id is running (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<file>.lock` for this process, creating it exclusively with the process id inside. A lock
 * left by a process that is gone (a crash) is taken over; one held by a live process, this one
 * included, throws DatabaseLockedError.
 *
 * @throws DatabaseLockedError naming the file and the holder's pid
 * @example
 * acquireLock("/b/.vigil/state.sqlite"); // creates /b/.vigil/state.sqlite.lock
 * releaseLock("/b/.vigil/state.sqlite");
 */
export function acquireLock(file: string): void {
  const lock = `${file}.lock`;
  // Two rounds suffice: a stale lock is removed once; if another process took it meanwhile, it is live.
  for (let round = 0; round < 2; round++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const pid = holder(lock);
    if (pid !== null && alive(pid)) throw new DatabaseLockedError(file, pid);
    rmSync(lock, { force: true });
  }
  throw new DatabaseLockedError(file, holder(lock) ?? 0);
}

/** The pid in a lock file, or null when it is gone or unreadable. */
function holder(lock: string): number | null {
  try {
    const pid = Number(readFileSync(lock, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Removes this process's lock on `file`; a lock of another process is left alone. */
export function releaseLock(file: string): void {
  const lock = `${file}.lock`;
  try {
    if (readFileSync(lock, "utf8").trim() === String(process.pid)) rmSync(lock, { force: true });
  } catch {
    // already gone
  }
}

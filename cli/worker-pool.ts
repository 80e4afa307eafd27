import { availableParallelism } from "node:os";
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** Below this many bytes of input, profiling stays on the main thread (a worker takes ~0.1 s to start from the bundle, ~0.4 s through tsx). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** Workers started ahead of need, not yet taken. */
const idle: Worker[] = [];
/** Workers that failed while idle (a broken install, say): never handed out. */
const failed = new WeakSet<Worker>();

/**
 * Starts profiling workers before they are needed: a worker spends ~0.1 s (bundle) to 0.5 s (tsx) loading its modules,
 * which then overlaps with the main thread loading its own and the reference. Idle workers are
 * unreferenced, so they never keep the process alive (a check that fails early just exits).
 *
 * @example
 * startWorkers(1); // … later: const [w] = takeWorkers(1);
 */
export function startWorkers(n: number): void {
  while (idle.length < n) {
    const w = new Worker(new URL("./worker.mjs", import.meta.url));
    w.once("error", () => failed.add(w));
    w.unref();
    idle.push(w);
  }
}

/** Takes n workers, started ahead or now; the caller owns them (and terminates them). */
export function takeWorkers(n: number): Worker[] {
  for (let i = idle.length - 1; i >= 0; i--) if (failed.has(idle[i])) idle.splice(i, 1);
  startWorkers(n);
  const taken = idle.splice(0, n);
  for (const w of taken) w.ref();
  return taken;
}

/**
 * Starts the workers `vigil check` will want when its current data is large enough to be
 * profiled in parallel (plain files only: folders are expanded later, by the command).
 */
export function startWorkersFor(paths: readonly string[], threads = availableParallelism()): void {
  if (threads <= 1) return;
  let bytes = 0;
  for (const p of paths) {
    try {
      const st = statSync(p);
      if (st.isFile()) bytes += st.size;
    } catch {
      return; // the command reports the missing file
    }
  }
  if (bytes >= PARALLEL_MIN_BYTES) startWorkers(threads - 1);
}

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** GNU time: user and system CPU and peak RSS of a child, which Node's spawn does not report. */
const GNU_TIME = "/usr/bin/time";

/** One finished child process: wall time seen from here, CPU and peak RSS from GNU time. */
export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** User + system CPU of the child and its threads; NaN without /usr/bin/time. */
  cpuMs: number;
  /** Peak resident set of the child process; NaN without /usr/bin/time. */
  peakRssMb: number;
}

/**
 * Runs a command to completion under /usr/bin/time and measures it. Exit codes in `okCodes`
 * (default 0) are success; any other throws with the child's stderr.
 */
export function runMeasured(cmd: string, args: readonly string[], okCodes: readonly number[] = [0]): ChildRun {
  const timed = existsSync(GNU_TIME);
  const stats = join(tmpdir(), `vigil-bench-time-${process.pid}.txt`);
  const argv = timed ? ["-f", "%U %S %M", "-o", stats, cmd, ...args] : [...args];
  const t0 = performance.now();
  const r = spawnSync(timed ? GNU_TIME : cmd, argv, { encoding: "utf8", maxBuffer: 1 << 28 });
  const wallMs = performance.now() - t0;
  const code = r.status ?? -1;
  if (!okCodes.includes(code)) throw new Error(`${cmd} ${args.join(" ")} exited ${code}:\n${r.stderr.slice(-4000)}`);
  let cpuMs = NaN;
  let peakRssMb = NaN;
  if (timed) {
    const [user, sys, rssKb] = readFileSync(stats, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
    rmSync(stats, { force: true });
    cpuMs = (user + sys) * 1000;
    peakRssMb = rssKb / 1024;
  }
  return { code, stdout: r.stdout, stderr: r.stderr, wallMs, cpuMs, peakRssMb };
}

/** Runs a TypeScript file of this repository in a fresh Node process. */
export function runTs(file: string, args: readonly string[], okCodes?: readonly number[]): ChildRun {
  return runMeasured(process.execPath, ["bin/run-ts.mjs", file, ...args], okCodes);
}

/** The last line of a child's standard output, parsed as JSON. */
export function lastJson<T = Record<string, number>>(run: ChildRun): T {
  const line = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`expected a JSON line, got: ${line.slice(0, 500)}\n${run.stderr.slice(-2000)}`);
  }
}

/** The median (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of every numeric field over runs of the same shape. */
export function medians<T extends object>(runs: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(runs[0] ?? {})) if (typeof v === "number") out[k] = median(runs.map((r) => (r as Record<string, number>)[k]));
  return out;
}

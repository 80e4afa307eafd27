import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { evaluateAll } from "../../shared/pipeline/evaluate.ts";
import { ingestObject } from "../../shared/pipeline/ingest.ts";
import { isReferenceData } from "../../shared/pipeline/keys.ts";
import { ingestLabels } from "../../shared/pipeline/labels.ts";
import { buildReferenceFromObject } from "../../shared/pipeline/reference.ts";
import type { AlertMessage, Clock, Notifier } from "../../shared/ports.ts";
import { renderDashboard } from "../dashboard/render.ts";
import type { DashboardAlert } from "../dashboard/types.ts";
import { writeDemoBucket } from "../demo/bucket.ts";
import { localBackend, type LocalBackend } from "../local/backend.ts";
import { UsageError } from "../errors.ts";
import { dashboardData } from "./local-dashboard.ts";

const DAY_MS = 86_400_000;
/** How often the demo evaluates while replaying, in simulated days. */
const DEMO_EVALUATE_EVERY_DAYS = 7;
const WATCH_INTERVAL_MS = 2_000;

/** Options of `vigil local`. */
export interface LocalOptions {
  bucket: string;
  watch: boolean;
  demo: boolean;
  webhook?: string;
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Keys processed so far (key → size:mtime), so a rescan only reads what is new or changed. */
class Processed {
  private readonly seen: Record<string, string>;
  constructor(private readonly file: string) {
    this.seen = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
  }
  changed(root: string, key: string): boolean {
    const st = statSync(join(root, key));
    return this.seen[key] !== `${st.size}:${st.mtimeMs}`;
  }
  mark(root: string, key: string): void {
    const st = statSync(join(root, key));
    this.seen[key] = `${st.size}:${st.mtimeMs}`;
  }
  save(): void {
    writeFileSync(this.file, JSON.stringify(this.seen));
  }
}

/**
 * `vigil local`: the whole pipeline on the embedded backend — a folder as the bucket, SQLite for
 * the join and state, a local metric store, alerts on the console (and a webhook). The steps are
 * the ones the Lambdas run. `--demo` replays the bank-marketing data day by day on a simulated
 * clock; `--watch` keeps processing new drops.
 */
export async function localCommand(o: LocalOptions): Promise<number> {
  const root = resolve(o.bucket);
  if (o.demo) resetDemoFolder(root);
  mkdirSync(join(root, ".vigil"), { recursive: true });
  if (o.demo) writeFileSync(join(root, ".vigil", DEMO_MARKER), "this folder is rewritten by `vigil local --demo`\n");
  const alerts: DashboardAlert[] = [];
  let reminders = 0;
  const notifier: Notifier = {
    publish: async (m: AlertMessage) => {
      const b = m.body as { window?: string; state?: DashboardAlert["state"] };
      // The timeline shows changes; reminders (a rule still firing after its cooldown) are counted.
      if (b.state === "remind") reminders++;
      else o.out(`  ${m.subject}`);
      alerts.push({ at: b.window ?? new Date().toISOString(), severity: m.attributes.severity as DashboardAlert["severity"], rule: m.attributes.rule, message: m.subject, state: b.state ?? "fire" });
      await backend.notifier.publish(m);
    },
  };
  const backend: LocalBackend = await localBackend(root, { webhookUrl: o.webhook, print: () => {} });
  const processed = new Processed(join(root, ".vigil", "processed.json"));
  let simulated: number | null = null;
  const clock: Clock = { nowMs: () => simulated ?? Date.now() };
  const deps = { ...backend, notifier, clock };

  const processKeys = async (keys: string[]) => {
    for (const key of keys) {
      if (!processed.changed(root, key)) continue;
      if (key.startsWith("reference/") && isReferenceData(key)) await buildReferenceFromObject(deps, key);
      else if (key.startsWith("predictions/")) {
        const r = await ingestObject(deps, key);
        if (r.rejected) o.err(`vigil: ${key}: rejected: ${r.rejected}`);
      } else if (key.startsWith("labels/")) await ingestLabels(deps, key);
      processed.mark(root, key);
    }
  };
  const scan = async () => {
    const keys: string[] = [];
    for (const prefix of ["reference/", "predictions/", "labels/"]) for await (const obj of backend.objects.list(prefix)) keys.push(obj.key);
    const fresh = keys.filter((k) => processed.changed(root, k));
    if (fresh.length > 0) o.err(`vigil: processing ${fresh.length} new object(s)…`);
    await processKeys(fresh);
    return fresh.length;
  };
  const evaluate = async () => {
    const run = await evaluateAll(deps);
    for (const e of run.errors) o.err(`vigil: evaluating ${e.model} failed: ${(e.error as Error).message}`);
    return run;
  };

  try {
    if (o.demo) {
      const t0 = Date.now();
      const demo = writeDemoBucket(root);
      o.out(`Demo: UCI Bank Marketing (Moro et al. 2014, CC BY 4.0) — ${demo.referenceRows} reference calls (May–June 2008),`);
      o.out(`${demo.rows} calls replayed as ${demo.days.length} daily drops to ${root}; labels arrive 14 days later.\n`);
      o.out("Alert timeline:");
      await processKeys(["reference/bank-marketing/data.jsonl"]);
      let lastEval = -Infinity;
      for (const [i, day] of demo.days.entries()) {
        await processKeys(day.keys);
        if (day.dayMs - lastEval >= DEMO_EVALUATE_EVERY_DAYS * DAY_MS || i === demo.days.length - 1) {
          simulated = day.dayMs + DAY_MS;
          await evaluate();
          lastEval = day.dayMs;
          progress(o.err, i + 1, demo.days.length, t0);
        }
      }
      simulated = demo.days[demo.days.length - 1].dayMs + 32 * DAY_MS; // every label window reaches maxWait
      await evaluate();
      o.err("");
    } else {
      await scan();
      await evaluate();
    }
    processed.save();
    if (reminders > 0) o.out(`  (and ${reminders} reminders while rules kept firing, one per rule per 24 h cooldown)`);
    const pages = await writeDashboards(backend, root, alerts, clock.nowMs());
    for (const p of pages) o.out(`\nDashboard: ${p}`);
    while (o.watch) {
      await new Promise((r) => setTimeout(r, WATCH_INTERVAL_MS));
      simulated = null;
      if ((await scan()) > 0) {
        await evaluate();
        processed.save();
        await writeDashboards(backend, root, alerts, clock.nowMs());
      }
    }
    return 0;
  } finally {
    await backend.close();
  }
}

async function writeDashboards(backend: LocalBackend, root: string, alerts: DashboardAlert[], nowMs: number): Promise<string[]> {
  const models = new Set<string>();
  for await (const o of backend.objects.list("state/")) {
    const m = /^state\/([^/]+)\/metrics\//.exec(o.key);
    if (m) models.add(m[1]);
  }
  const perf = new Map<string, Map<number, Record<string, number>>>();
  for (const d of await backend.metrics.readAll()) {
    const model = d.dimensions.Model;
    if (!model || d.dimensions.Segment || d.dimensions.Feature) continue;
    const byWindow = perf.get(model) ?? new Map<number, Record<string, number>>();
    byWindow.set(d.timestampMs, { ...(byWindow.get(d.timestampMs) ?? {}), [d.name]: d.value });
    perf.set(model, byWindow);
  }
  const pages: string[] = [];
  for (const model of models) {
    const data = await dashboardData(backend.objects, model, perf.get(model) ?? new Map(), alerts.filter((a) => a.message.includes(` ${model}:`)), nowMs);
    const path = join(root, ".vigil", `dashboard-${model}.html`);
    writeFileSync(path, renderDashboard(data));
    pages.push(path);
  }
  return pages;
}

const DEMO_MARKER = "demo-folder";

/** The demo starts from scratch each time, but never wipes a folder it did not create. */
function resetDemoFolder(root: string): void {
  if (!existsSync(root)) return;
  const ours = existsSync(join(root, ".vigil", DEMO_MARKER));
  if (!ours && readdirSync(root).length > 0) throw new UsageError(`${root} is not empty and was not made by --demo; choose another --bucket`);
  rmSync(root, { recursive: true, force: true });
}

function progress(err: (s: string) => void, done: number, total: number, t0: number): void {
  const width = 30;
  const filled = Math.round((width * done) / total);
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  process.stderr.isTTY ? process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} days ${secs}s`) : done === total && err(`replayed ${total} days in ${secs}s`);
}

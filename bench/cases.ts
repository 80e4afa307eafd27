import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { join } from "node:path";
import { lastJson, runMeasured, runTs } from "./child.ts";
import type { Inputs } from "./inputs.ts";

/** One ingest run: the step's own wall and CPU (from inside the child), the process's peak RSS. */
export interface IngestRun {
  rows: number;
  windows: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

/** The ingest inputs: four formats of the same 25-feature rows, and real flights data. */
export function ingestInputs(i: Inputs): Record<string, { file: string; args: string[] }> {
  const bench = ["--model", "bench", "--reference", i.referenceProfile];
  return {
    "JSONL": { file: i.jsonl, args: bench },
    "JSONL.gz": { file: i.jsonlGz, args: bench },
    "CSV": { file: i.csv, args: bench },
    "Parquet (25 features)": { file: i.parquet, args: bench },
    "Parquet (25 features, one row group)": { file: i.parquetOneGroup, args: bench },
    "Parquet (flights-3m, 5 columns)": { file: i.flights, args: ["--model", "flights", "--reference", i.flightsReferenceProfile, "--monitor", i.flightsMonitor] },
  };
}

/**
 * One ingest run from `bundle` (bench/ingest.ts bundled by `bundleScript`: the step runs from an
 * esbuild bundle as it does in Lambda, not through tsx, whose loader holds ≈ 30 MB more).
 */
export function ingestRun(bundle: string, file: string, args: string[]): IngestRun {
  return lastJson<IngestRun>(runMeasured(process.execPath, [bundle, file, ...args]));
}

/** Bundles a bench script (ESM, npm packages left external) to `outFile`; returns its path. */
export async function bundleScript(entry: string, outFile: string): Promise<string> {
  await build({ entryPoints: [entry], outfile: outFile, bundle: true, format: "esm", platform: "node", target: "node20", packages: "external", logLevel: "warning" });
  return outFile;
}

/** Bare JSON.parse of the same JSON Lines, one core. */
export function jsonParseRun(jsonl: string): { rows: number; wallMs: number; cpuMs: number } {
  return lastJson(runTs("bench/json-parse.ts", [jsonl]));
}

/** The evaluate path (bench/evaluate.ts) in a fresh process. */
export function evaluateRun(partials: number): Record<string, number> {
  const r = runTs("bench/evaluate.ts", [String(partials)]);
  return { ...lastJson(r), peakRssMb: r.peakRssMb };
}

/** `vigil check` end to end, as a user runs it: a fresh process, timed from outside. */
export function checkRun(i: Inputs, extra: string[] = []): { wallMs: number; cpuMs: number; peakRssMb: number; report: unknown } {
  const r = runMeasured(process.execPath, ["bin/vigil.mjs", "check", "--reference", i.referenceProfile, "--current", i.jsonl, "--json", ...extra], [0, 1]);
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, report: JSON.parse(r.stdout) };
}

/** The Python baseline (bench/baseline.py), timed from outside; writes its values to `valuesOut`. */
export function baselineRun(i: Inputs, valuesOut: string): Record<string, number> {
  const r = runMeasured("python3", ["bench/baseline.py", "--reference", i.reference, "--current", i.jsonl, "--out", valuesOut]);
  return { ...lastJson(r), wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb };
}

interface Drift {
  method: string;
  statistic: number;
  pValue: number | null;
}

/**
 * Vigil's psi, ks and chisquare (one `vigil check` with bench/out/agreement.yaml) against the
 * baseline's values on the same data: the largest absolute difference per method, and per feature.
 */
export function agreement(i: Inputs, baselineValues: string): Record<string, number | Record<string, number>> {
  const vigil = checkRun(i, ["--config", i.agreementConfig]).report as { features: Record<string, { drift: Drift }> };
  const base = JSON.parse(readFileSync(baselineValues, "utf8")) as { features: Record<string, Record<string, number>> };
  const diffs: Record<string, Record<string, number>> = { psi: {}, ks: {}, chisquare: {} };
  for (const [name, f] of Object.entries(vigil.features)) {
    const b = base.features[name];
    if (!b) continue;
    const d = f.drift;
    if (d.method === "psi") diffs.psi[name] = Math.abs(d.statistic - b.psi);
    if (d.method === "ks") diffs.ks[name] = Math.abs(d.statistic - b.ks);
    // χ² grows with n: compared relative to the baseline's value.
    if (d.method === "chisquare") diffs.chisquare[name] = Math.abs(d.statistic - b.chi2) / Math.max(1e-12, Math.abs(b.chi2));
  }
  const max = (o: Record<string, number>) => Math.max(...Object.values(o));
  return { psiMaxAbsDiff: max(diffs.psi), ksMaxAbsDiff: max(diffs.ks), chi2MaxRelDiff: max(diffs.chisquare), features: Object.keys(diffs.psi).length + Object.keys(diffs.ks).length + Object.keys(diffs.chisquare).length, perFeature: Object.assign({}, ...Object.values(diffs)) };
}

/** Where the baseline writes its per-feature values. */
export const baselineValuesPath = (out: string): string => join(out, "baseline-values.json");

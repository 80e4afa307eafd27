import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMeasured } from "./child.ts";
import { FLIGHTS_3M_ROWS, FLIGHTS_MONITOR_YAML, writeFlightsParquet } from "./flights.ts";
import { CATEGORICAL_FEATURES, gzipFile, NUMERIC_FEATURES, writeBenchCsv, writeBenchJsonl, writeBenchParquet } from "./generate.ts";

/** How big the bench's inputs are. */
export interface Sizes {
  rows: number;
  referenceRows: number;
  partials: number;
}

export const FULL: Sizes = { rows: 1_000_000, referenceRows: 100_000, partials: 1_000 };
export const QUICK: Sizes = { rows: 50_000, referenceRows: 10_000, partials: 100 };

/** The files the cases read, all under bench/out/ (gitignored). */
export interface Inputs {
  reference: string;
  referenceProfile: string;
  jsonl: string;
  jsonlGz: string;
  csv: string;
  parquet: string;
  /** The same rows as one row group (memory must not grow with the row group). */
  parquetOneGroup: string;
  flights: string;
  flightsReferenceProfile: string;
  flightsMonitor: string;
  /** A monitor config forcing psi, ks and chisquare on some features, to check the baseline. */
  agreementConfig: string;
}

async function ensure(path: string, make: () => Promise<void>): Promise<void> {
  if (existsSync(path)) return;
  process.stderr.write(`generating ${path}…\n`);
  await make();
}

/**
 * Generates what is missing (deterministic: same seed, same bytes, so existing files are reused)
 * and rebuilds both reference profiles with `vigil profile` from the tree being measured.
 * The current window is shifted by 0.05 standard deviations from the reference.
 */
export async function prepareInputs(out: string, s: Sizes): Promise<Inputs> {
  mkdirSync(out, { recursive: true });
  const cur = join(out, `current-${s.rows}`);
  const i: Inputs = {
    reference: join(out, `reference-${s.referenceRows}.jsonl`),
    referenceProfile: join(out, `reference-${s.referenceRows}.profile.json`),
    jsonl: `${cur}.jsonl`,
    jsonlGz: `${cur}.jsonl.gz`,
    csv: `${cur}.csv`,
    parquet: `${cur}.parquet`,
    parquetOneGroup: `${cur}.one-group.parquet`,
    flights: join(out, `flights-${s.rows}.parquet`),
    flightsReferenceProfile: join(out, `flights-ref-${s.referenceRows}.profile.json`),
    flightsMonitor: join(out, "flights.yaml"),
    agreementConfig: join(out, "agreement.yaml"),
  };
  await ensure(i.reference, () => writeBenchJsonl(i.reference, s.referenceRows, 1, 0));
  await ensure(i.jsonl, () => writeBenchJsonl(i.jsonl, s.rows, 2, 0.05));
  await ensure(i.jsonlGz, () => gzipFile(i.jsonl, i.jsonlGz));
  await ensure(i.csv, () => writeBenchCsv(i.csv, s.rows, 2, 0.05));
  await ensure(i.parquet, () => writeBenchParquet(i.parquet, s.rows, 2, 0.05));
  await ensure(i.parquetOneGroup, () => writeBenchParquet(i.parquetOneGroup, s.rows, 2, 0.05, s.rows));
  await ensure(i.flights, () => writeFlightsParquet(i.flights, 0, s.rows));
  const flightsRef = join(out, `flights-ref-${s.referenceRows}.parquet`);
  // The reference is the end of the file (June 2001), the current window its start (from January).
  await ensure(flightsRef, () => writeFlightsParquet(flightsRef, FLIGHTS_3M_ROWS - s.referenceRows, FLIGHTS_3M_ROWS));
  writeFileSync(i.flightsMonitor, FLIGHTS_MONITOR_YAML);
  writeFileSync(i.agreementConfig, agreementYaml());
  runMeasured(process.execPath, ["bin/vigil.mjs", "profile", i.reference, "--model", "bench", "--out", i.referenceProfile]);
  runMeasured(process.execPath, ["bin/vigil.mjs", "profile", flightsRef, "--config", i.flightsMonitor, "--out", i.flightsReferenceProfile]);
  return i;
}

/** Half the numerical features on psi, half on ks, the categorical ones on chisquare. */
export function agreementYaml(): string {
  const lines = ["model: bench", "drift:", "  perFeature:"];
  for (let j = 0; j < NUMERIC_FEATURES; j++) lines.push(`    num_${j}: {method: ${j < NUMERIC_FEATURES / 2 ? "psi" : "ks"}}`);
  for (let j = 0; j < CATEGORICAL_FEATURES; j++) lines.push(`    cat_${j}: {method: chisquare}`);
  return `${lines.join("\n")}\n`;
}

/** Size of a file in MB (10^6 bytes). */
export const sizeMb = (path: string): number => +(statSync(path).size / 1e6).toFixed(1);

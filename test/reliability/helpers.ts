/**
 * Helpers of the bad-input suites: the committed corpus (`test/fixtures/bad/`), `vigil check` as
 * the CLI runs it, the local backend the pipeline steps run on, and what ingest left behind.
 *
 * @example
 * const { report, malformed } = await checkAgainstGood("malformed-lines.jsonl");
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { runCheck } from "../../cli/commands/check.ts";
import { localBackend, type LocalBackend } from "../../cli/local/backend.ts";
import type { CheckReport } from "../../shared/check/report.ts";
import type { StoredPartial } from "../../shared/pipeline/ingest.ts";
import { partialsPrefix, quarantineKey, sourceId } from "../../shared/pipeline/keys.ts";
import { tempDir, vigil } from "../cli/helpers.ts";

export { tempDir, vigil };

/** The corpus folder. */
export const BAD = "test/fixtures/bad";

/** The path of a corpus file. */
export const fixture = (name: string): string => join(BAD, name);

/** A corpus file's bytes. */
export const fixtureBytes = (name: string): Buffer => readFileSync(fixture(name));

/**
 * `vigil check --reference good.jsonl --current <file>` as the CLI runs it, returning the report
 * and the malformed rows it read (file, line, reason), which `--json` leaves out.
 */
export async function checkAgainstGood(name: string, extra: { config?: string } = {}): Promise<{ report: CheckReport; malformed: Array<{ line: number; reason: string; raw: string }> }> {
  const { report, currentRead } = await runCheck({ reference: [fixture("good.jsonl")], current: [fixture(name)], json: true, config: extra.config }, Date.now());
  for (const m of currentRead.malformedSample) expect(m.file).toBe(fixture(name));
  return { report, malformed: currentRead.malformedSample.map(({ line, reason, raw }) => ({ line, reason, raw })) };
}

/** Runs `vigil …` and expects exit 2 with exactly one line on stderr, no stack trace. */
export async function expectInputError(args: string[], message: string | RegExp): Promise<void> {
  const { code, out, err } = await vigil(...args);
  expect(code).toBe(2);
  expect(out).toBe("");
  expect(err.split("\n").filter(Boolean)).toHaveLength(1);
  if (typeof message === "string") expect(err.trim()).toBe(message);
  else expect(err.trim()).toMatch(message);
  expect(err).not.toMatch(/\n\s+at |unexpected error/);
}

/** A fresh local backend (bucket folder, SQLite join store) for one pipeline case. */
export async function freshBackend(): Promise<LocalBackend> {
  return localBackend(tempDir(), { print: () => {} });
}

/** Puts a corpus file under `predictions/m/` (or another key) and returns the key. */
export async function putFixture(backend: LocalBackend, name: string, key = `predictions/m/${name}`): Promise<string> {
  await backend.objects.put(key, fixtureBytes(name));
  return key;
}

/** The source id ingest names an object's quarantine, partial and done files by. */
export async function idOf(backend: LocalBackend, key: string): Promise<string> {
  const src = await backend.objects.open(key);
  if (!src) throw new Error(`no object ${key}`);
  return sourceId(key, src.info.etag);
}

/** The quarantine sample ingest wrote for an object: one parsed entry per line, or null. */
export async function quarantineOf(backend: LocalBackend, key: string, model = "m"): Promise<Array<Record<string, unknown>> | null> {
  const text = await backend.objects.getText(quarantineKey(model, await idOf(backend, key)));
  return text === null ? null : text.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The rejection note ingest wrote for an object rejected whole, or null. */
export async function rejectionOf(backend: LocalBackend, key: string, model = "m"): Promise<Record<string, unknown> | null> {
  const text = await backend.objects.getText(quarantineKey(model, await idOf(backend, key)).replace(/\.jsonl$/, ".rejected.json"));
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

/** The partial profiles ingest wrote for an object, by window start. */
export async function partialsOf(backend: LocalBackend, key: string, model = "m"): Promise<Map<number, StoredPartial>> {
  const id = await idOf(backend, key);
  const out = new Map<number, StoredPartial>();
  for await (const o of backend.objects.list(partialsPrefix(model))) {
    if (!o.key.endsWith(`/${id}.json`)) continue;
    const p = JSON.parse((await backend.objects.getText(o.key))!) as StoredPartial;
    out.set(p.windowStartMs, p);
  }
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/** Start of the UTC day holding `ms` (the default 1-day window). */
export const dayOf = (ms: number): number => ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);

/** Nothing a log or config said reached Object.prototype. */
export function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
  expect(typeof probe.constructor).toBe("function");
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}

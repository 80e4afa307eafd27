import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localBackend } from "../../cli/local/backend.ts";
import { ConfigTooLargeError } from "../../shared/config/errors.ts";
import { MAX_CONFIG_BYTES } from "../../shared/config/defaults.ts";
import { readCapped } from "../../shared/pipeline/context.ts";
import { ingestObject } from "../../shared/pipeline/ingest.ts";
import type { ObjectInfo, ObjectStore } from "../../shared/ports.ts";
import { MAX_REFERENCE_BYTES, ReferenceTooLargeError } from "../../shared/reference/parse.ts";
import { expectInputError, fixture, fixtureBytes, tempDir, vigil } from "./helpers.ts";

// Issue #7: a monitor config or a reference profile is read whole, so its size is bounded and
// checked before reading — a huge file is refused with a clear message, never loaded. The big
// files here are sparse (their size costs no disk and no time); memory is measured around each.
const GOOD = fixture("good.jsonl");
const MB = 1024 * 1024;
const GB = 1024 * MB;

/** A file of `size` bytes that starts with `head` (the rest is a hole of zeros). */
function sparseFile(name: string, head: string, size: number): string {
  const path = join(tempDir(), name);
  writeFileSync(path, head);
  truncateSync(path, size);
  return path;
}

/** Runs `f` and returns how much the JS heap plus external memory grew at most meanwhile. */
async function growthOf(f: () => Promise<void>): Promise<number> {
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  const before = used();
  let peak = before;
  const timer = setInterval(() => void (peak = Math.max(peak, used())), 2);
  try {
    await f();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, used()) - before;
}

describe("size limits through vigil check", () => {
  it("accepts a config of exactly MAX_CONFIG_BYTES and refuses one byte more", async () => {
    const path = join(tempDir(), "big.yaml");
    writeFileSync(path, `model: m\n#${"x".repeat(MAX_CONFIG_BYTES - 11)}\n`);
    expect((await vigil("check", "--reference", GOOD, "--current", GOOD, "--config", path)).code).toBe(0);
    writeFileSync(path, `model: m\n#${"x".repeat(MAX_CONFIG_BYTES - 10)}\n`);
    await expectInputError(["check", "--reference", GOOD, "--current", GOOD, "--config", path], `vigil: ${path}: ${MAX_CONFIG_BYTES + 1} bytes is larger than the limit of ${MAX_CONFIG_BYTES} for a monitor config`);
  });

  it("refuses a 4 GiB config without reading it", async () => {
    const path = sparseFile("huge.yaml", "model: m\n", 4 * GB);
    const growth = await growthOf(() => expectInputError(["check", "--reference", GOOD, "--current", GOOD, "--config", path], `vigil: ${path}: ${4 * GB} bytes is larger than the limit of ${MAX_CONFIG_BYTES} for a monitor config`));
    expect(growth).toBeLessThan(64 * MB);
  });

  it("refuses a reference profile over MAX_REFERENCE_BYTES without reading it", async () => {
    const path = sparseFile("profile.json", '{"kind":"vigil-reference","formatVersion":1,"model":"m"', 300 * MB);
    const growth = await growthOf(() => expectInputError(["check", "--reference", path, "--current", GOOD], `vigil: ${path}: ${300 * MB} bytes is larger than the limit of ${MAX_REFERENCE_BYTES} for a reference profile`));
    expect(growth).toBeLessThan(64 * MB);
  });

  it("reads only the head of a 600 MiB .json reference to tell data from a profile", async () => {
    // Read whole, this file would not even fit in one JavaScript string.
    const path = sparseFile("data.json", '[{"timestamp":"2024-01-01T10:00:00Z","features":{"x":1}},', 600 * MB);
    const growth = await growthOf(() => expectInputError(["check", "--reference", path, "--current", GOOD], `vigil: ${path}: binary file, not text (NUL bytes in the first 1024 bytes)`));
    expect(growth).toBeLessThan(64 * MB);
  });
});

/** An object store over another that reports `size` for one key and counts the bytes read of it. */
function claimingSize(inner: ObjectStore, key: string, size: number): ObjectStore & { bytesRead: number } {
  const store = {
    bytesRead: 0,
    async open(k: string) {
      if (k !== key) return inner.open(k);
      const info: ObjectInfo = { key, etag: "e", size, lastModifiedMs: 1 };
      return {
        name: key,
        size,
        info,
        async *stream() {
          for (let sent = 0; sent < size; sent += MB) {
            store.bytesRead += MB;
            yield new Uint8Array(MB).fill(0x23); // "#": a YAML comment, as long as it goes
          }
        },
      };
    },
    getText: (k: string) => (k === key ? Promise.reject(new Error(`getText(${k}) reads it whole`)) : inner.getText(k)),
    put: (k: string, body: string | Uint8Array, type?: string) => inner.put(k, body, type),
    list: (prefix: string) => inner.list(prefix),
    delete: (k: string) => inner.delete(k),
  };
  return store;
}

describe("size limits in the pipeline", () => {
  it("refuses a 4 GiB monitor config by its size, reading none of it", async () => {
    const backend = await localBackend(tempDir(), { print: () => {} });
    await backend.objects.put("predictions/m/good.jsonl", fixtureBytes("good.jsonl"));
    const objects = claimingSize(backend.objects, "monitors/m.yaml", 4 * GB);
    const failure = ingestObject({ ...backend, objects }, "predictions/m/good.jsonl");
    await expect(failure).rejects.toThrow(ConfigTooLargeError);
    await expect(failure).rejects.toThrow(`monitors/m.yaml: ${4 * GB} bytes is larger than the limit of ${MAX_CONFIG_BYTES} for a monitor config`);
    expect(objects.bytesRead).toBe(0);
    backend.close();
  });

  it("refuses a 300 MiB reference profile by its size, reading none of it", async () => {
    const backend = await localBackend(tempDir(), { print: () => {} });
    await backend.objects.put("predictions/m/good.jsonl", fixtureBytes("good.jsonl"));
    const objects = claimingSize(backend.objects, "reference/m/profile.json", 300 * MB);
    const failure = ingestObject({ ...backend, objects }, "predictions/m/good.jsonl");
    await expect(failure).rejects.toThrow(ReferenceTooLargeError);
    await expect(failure).rejects.toThrow(`reference/m/profile.json: ${300 * MB} bytes is larger than the limit of ${MAX_REFERENCE_BYTES} for a reference profile`);
    expect(objects.bytesRead).toBe(0);
    backend.close();
  });

  it("stops reading at the limit when an object is larger than its size said", async () => {
    const backend = await localBackend(tempDir(), { print: () => {} });
    const lying = claimingSize(backend.objects, "monitors/m.yaml", 64 * MB);
    const objects = { ...lying, open: async (k: string) => {
      const src = await lying.open(k);
      return src && { ...src, info: { ...src.info, size: 100 } };
    } };
    const tooLarge = (n: number) => new ConfigTooLargeError("monitors/m.yaml", n, MAX_CONFIG_BYTES);
    await expect(readCapped(objects, "monitors/m.yaml", MAX_CONFIG_BYTES, tooLarge)).rejects.toThrow(`monitors/m.yaml: ${2 * MB} bytes is larger than the limit of ${MAX_CONFIG_BYTES} for a monitor config`);
    expect(lying.bytesRead).toBe(2 * MB);
    backend.close();
  });

  it("decodes a character split across chunks", async () => {
    const bytes = Buffer.from("model: café\n");
    const objects = {
      async open(key: string) {
        const info: ObjectInfo = { key, etag: "e", size: bytes.length, lastModifiedMs: 1 };
        return { name: key, size: bytes.length, info, async *stream() { yield bytes.subarray(0, 11); yield bytes.subarray(11); } };
      },
    } as unknown as ObjectStore;
    expect(await readCapped(objects, "monitors/m.yaml", MAX_CONFIG_BYTES, () => new Error("too large"))).toBe("model: café\n");
  });

  it("reads an object within the limit whole, and null for an absent one", async () => {
    const backend = await localBackend(tempDir(), { print: () => {} });
    await backend.objects.put("monitors/m.yaml", "model: m\n");
    const tooLarge = (n: number) => new ConfigTooLargeError("monitors/m.yaml", n, MAX_CONFIG_BYTES);
    expect(await readCapped(backend.objects, "monitors/m.yaml", MAX_CONFIG_BYTES, tooLarge)).toBe("model: m\n");
    expect(await readCapped(backend.objects, "monitors/n.yaml", MAX_CONFIG_BYTES, tooLarge)).toBeNull();
    backend.close();
  });
});

import { describe, expect, it } from "vitest";
import { ProfileFormatError } from "../../../shared/profile/errors.ts";
import { serialiseProfile } from "../../../shared/profile/serialise.ts";
import type { StoredPartial } from "../../../shared/pipeline/ingest.ts";
import { decodePartial, encodePartial, PARTIAL_FORMAT_VERSION } from "../../../shared/pipeline/partial-codec.ts";
import { mergeWindow } from "../../../shared/pipeline/partials.ts";
import { mergeAll, type ProfileWithPerformance } from "../../../shared/pipeline/profiler.ts";
import { addObservation, newAccumulator } from "../../../shared/metrics/accumulator.ts";
import type { ObjectInfo, ObjectStore } from "../../../shared/ports.ts";
import { profileOf, record } from "../profile/support/build.ts";

/** Only what mergeWindow uses: getText, from a map, each read taking a few turns. */
class MapStore implements ObjectStore {
  constructor(readonly texts: Map<string, string>) {}
  async getText(key: string): Promise<string | null> {
    for (let i = 0; i < key.length % 5; i++) await Promise.resolve();
    return this.texts.get(key) ?? null;
  }
  open(): never { throw new Error("not used"); }
  put(): never { throw new Error("not used"); }
  list(): AsyncIterable<ObjectInfo> { throw new Error("not used"); }
  delete(): never { throw new Error("not used"); }
}

function partial(i: number): StoredPartial {
  const rows = Array.from({ length: 30 }, (_, r) => record([["x", Math.sin(i * 31 + r) * 100], ["c", `v${(i + r) % 4}`], ["__proto__", r % 3]], { id: `r${i}-${r}` }));
  const profile = profileOf(rows, { binEdges: { x: [-50, 0, 50] } });
  const performance = newAccumulator("regression");
  addObservation(performance, { label: i, prediction: i + 1 });
  return { source: { key: `predictions/m/${i}.jsonl`, etag: `e${i}` }, windowStartMs: 0, profile: { ...profile, performance }, joinDuplicates: i % 2 };
}

describe("encodePartial and decodePartial", () => {
  it("round-trip a stored partial in the packed format", () => {
    const p = partial(3);
    const text = encodePartial(p);
    expect(JSON.parse(text).formatVersion).toBe(PARTIAL_FORMAT_VERSION);
    expect(typeof JSON.parse(text).profile.features.x.numeric.distribution.values).toBe("string");
    const back = decodePartial(text, "k");
    expect(back).toEqual(p);
    expect(serialiseProfile(back.profile)).toBe(serialiseProfile(p.profile));
  });

  it("read the first format (a plain JSON profile, no formatVersion)", () => {
    const p = partial(4);
    expect(decodePartial(JSON.stringify(p), "k")).toEqual(p);
  });

  it("reject another format version, an unexpected key and a bad profile, naming the key", () => {
    const text = encodePartial(partial(1));
    const bad = (change: (o: Record<string, any>) => void) => {
      const o = JSON.parse(text);
      change(o);
      return () => decodePartial(JSON.stringify(o), "state/m/partials/0/a.json");
    };
    expect(bad((o) => { o.formatVersion = 3; })).toThrow("state/m/partials/0/a.json: partial format version 3 is not supported (expected 1 or 2)");
    expect(bad((o) => { o.extra = 1; })).toThrow('partial: unexpected key "extra"');
    expect(bad((o) => { o.profile.rows = -1; })).toThrow(/a\.json: rows: expected a non-negative integer/);
    expect(bad((o) => { o.profile.performance = { task: "poetry" }; })).toThrow(/profile\.performance: expected null or an accumulator/);
    expect(bad((o) => { o.joinDuplicates = "2"; })).toThrow(ProfileFormatError);
    expect(() => decodePartial("{oops", "k")).toThrow(/^k: not valid JSON/);
  });
});

describe("mergeWindow", () => {
  it("equals mergeAll of the partials, reading both formats, with the join store's duplicates added", async () => {
    const partials = Array.from({ length: 70 }, (_, i) => partial(i));
    const texts = new Map(partials.map((p, i) => [`state/m/partials/0/${String(i).padStart(3, "0")}.json`, i % 3 === 0 ? JSON.stringify(p) : encodePartial(p)]));
    const merged = await mergeWindow(new MapStore(texts), [...texts.keys()]);
    const expected: ProfileWithPerformance = mergeAll(partials.map((p) => p.profile));
    expect(merged).toEqual({ ...expected, ids: { ...expected.ids, duplicates: expected.ids.duplicates + 35 } });
    expect(merged.performance).toMatchObject({ task: "regression", count: 70 });
  });

  it("skips partials that vanished since the listing", async () => {
    const texts = new Map([["a", encodePartial(partial(1))]]);
    expect((await mergeWindow(new MapStore(texts), ["gone", "a"])).rows).toBe(30);
    await expect(mergeWindow(new MapStore(texts), ["gone"])).rejects.toThrow("none of the 1 partials could be read");
  });

  it("names the key of a partial it cannot read", async () => {
    const texts = new Map([["a", encodePartial(partial(1))], ["b", "{}"]]);
    await expect(mergeWindow(new MapStore(texts), ["a", "b"])).rejects.toThrow(/^b: /);
  });
});

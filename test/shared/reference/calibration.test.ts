import { describe, expect, it } from "vitest";
import { prng } from "../../../bench/generate.ts";
import { compareProfiles } from "../../../shared/check/compare.ts";
import { parseMonitorConfig } from "../../../shared/config/load.ts";
import { RecordProfiler, referenceShape } from "../../../shared/pipeline/profiler.ts";
import { MAX_WINDOW_CHUNKS, ReferenceProfiler } from "../../../shared/pipeline/reference-profiler.ts";
import { buildReference } from "../../../shared/reference/build.ts";
import { parseReference, serialiseReference } from "../../../shared/reference/parse.ts";
import { emptyRecord, type LogRecord } from "../../../shared/types.ts";

// Twelve days of 200 rows: x's mean moves with the day of a three-day cycle, c's share of "a"
// alternates. Expected values from numpy 2.4 / scipy 1.17 on the same rows (dumped as JSON):
//   s = [wasserstein_distance(x_day, x_all) / x_all.std() for each day]
//   np.mean(s), np.std(s, ddof=1), max(0.1, mean + 3·std) = 0.1354246852917387, 0.054203877142823854, 0.29803631672021025
//   j = [jensenshannon([n_a, n_b], [a_day, b_day]) for each day]
//   max(0.1, mean + 3·std) = 0.12000047520106716 (mean 0.04831223231479396, std 0.02389608096209107)
function days(withTime = true): LogRecord[] {
  const rand = prng(7);
  const out: LogRecord[] = [];
  for (let d = 0; d < 12; d++) {
    for (let i = 0; i < 200; i++) {
      const r = emptyRecord();
      r.timestampMs = withTime ? Date.UTC(2024, 0, 1 + d) + i * 60_000 : null;
      r.features.x = Math.round((d % 3) * 0.5 * 100 + rand() * 1000) / 100;
      r.features.c = rand() < 0.3 + (d % 2) * 0.1 ? "a" : "b";
      out.push(r);
    }
  }
  return out;
}

const config = parseMonitorConfig("model: m\nwindow: 1d\n", "m.yaml");

function reference(rows: LogRecord[], cfg = config) {
  const p = new ReferenceProfiler(cfg);
  for (const r of rows) p.record(r);
  const { chunks, windows } = p.finish();
  return buildReference(chunks, cfg, windows);
}

describe("thresholds calibrated on the reference's windows", () => {
  it("sets max(default, mean + 3σ) of the daily statistics, as numpy and scipy compute them", () => {
    const ref = reference(days());
    expect(ref.calibration?.chunking).toBe("window");
    expect(ref.calibration?.window).toBe("1d");
    expect(ref.chunks).toHaveLength(12);
    const x = ref.calibration!.thresholds.x;
    expect(x.method).toBe("wasserstein");
    expect(x.mean).toBeCloseTo(0.1354246852917387, 12);
    expect(x.std).toBeCloseTo(0.054203877142823854, 12);
    expect(x.threshold).toBeCloseTo(0.29803631672021025, 12);
    const c = ref.calibration!.thresholds.c;
    expect(c.method).toBe("jensenshannon");
    expect(c.mean).toBeCloseTo(0.04831223231479396, 12);
    expect(c.threshold).toBeCloseTo(0.12000047520106716, 12);
  });

  it("judges a window against the calibrated threshold and says so", () => {
    const ref = reference(days());
    const p = new RecordProfiler(config, referenceShape(ref));
    // One of the reference's own days (mean offset 1.0, the largest of the cycle): no drift.
    for (const r of days().slice(2 * 200, 3 * 200)) p.record(r);
    const report = compareProfiles(ref, p.finish(), config);
    expect(report.features.x.drift).toMatchObject({ method: "wasserstein", drifted: false, calibrated: true });
    expect(report.features.x.drift!.threshold).toBeCloseTo(0.29803631672021025, 12);
    expect(report.features.x.drift!.statistic).toBeGreaterThan(0.1); // would have drifted at the default 0.1
  });

  it("lets a configured threshold win over the calibrated one", () => {
    const cfg = parseMonitorConfig("model: m\ndrift: {perFeature: {x: {method: wasserstein, threshold: 0.05}}}\n", "m.yaml");
    const ref = reference(days(), cfg);
    const p = new RecordProfiler(cfg, referenceShape(ref));
    for (const r of days().slice(0, 200)) p.record(r);
    const d = compareProfiles(ref, p.finish(), cfg).features.x.drift!;
    expect(d.threshold).toBe(0.05);
    expect(d.calibrated).toBeUndefined();
  });

  it("keeps a p-value method's level (only score methods are calibrated)", () => {
    const cfg = parseMonitorConfig("model: m\ndrift: {method: ks}\n", "m.yaml");
    const ref = reference(days(), cfg);
    expect(ref.calibration!.thresholds.x).toBeUndefined();
  });

  it("falls back to row-count chunks without timestamps", () => {
    const ref = reference(days(false));
    expect(ref.calibration?.chunking).toBe("rows");
    expect(ref.chunks).toHaveLength(5); // chunks grow from 500 rows: 2,400 rows make five
    expect(ref.calibration!.thresholds.x.threshold).toBeGreaterThanOrEqual(0.1);
  });

  it("keeps at most 64 windows, each whole, when the reference spans more", () => {
    const rows: LogRecord[] = [];
    for (let d = 0; d < 200; d++) {
      for (let i = 0; i < 20; i++) {
        const r = emptyRecord();
        r.timestampMs = Date.UTC(2024, 0, 1) + d * 86_400_000 + i;
        r.features.x = (d * 31 + i * 7) % 100;
        rows.push(r);
      }
    }
    const p = new ReferenceProfiler(config);
    for (const r of rows) p.record(r);
    const { windows, chunks } = p.finish();
    expect(windows!.length).toBeLessThanOrEqual(MAX_WINDOW_CHUNKS);
    expect(windows!.length).toBeGreaterThanOrEqual(MAX_WINDOW_CHUNKS / 2);
    expect(windows!.every((w) => w.rows === 20)).toBe(true);
    expect(chunks.reduce((a, c) => a + c.rows, 0)).toBe(4_000);
  });

  it("round-trips the calibration, and still reads a reference written without one", () => {
    const ref = reference(days());
    const back = parseReference(serialiseReference(ref), "profile.json");
    expect(back.calibration).toEqual(ref.calibration);
    const { calibration: _omit, ...older } = ref;
    expect(parseReference(JSON.stringify(older), "profile.json").calibration).toBeUndefined();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bankPredictions, REFERENCE_END_MS, writeJsonl } from "../../cli/demo/logs.ts";
import { tempDir, vigil } from "./helpers.ts";

// Real data: UCI Bank Marketing (Moro et al. 2014, CC BY 4.0), reference May–June 2008, current
// August 2008, when the bank's calls moved to cellular phones. Expected values from scipy 1.17:
//   jensenshannon([12443, 0, 0], [10, 5057, 148]) = 0.828365092603128   (contact: unknown → cellular, telephone)
//   wasserstein_distance(age_ref, age_aug) / age_ref.std() = 0.21867469555614646
// Thresholds calibrated on the reference's daily windows (monitor window 1d; days with < 20 % of the
// median day's rows left out: 32 of 38 days), numpy/scipy:
//   s = [wasserstein_distance(age_day, age_ref) / age_ref.std() for each day]
//   max(0.1, np.mean(s) + 3 * np.std(s, ddof=1)) = 0.8399768202524202
// Age moves by up to 0.84σ from day to day in May–June 2008, so August's 0.22σ is not drift; the
// contact channel (JS 0.83, never above 0 in the reference's days) is.
let dir: string;
let ref: string;
let aug: string;

beforeAll(() => {
  dir = tempDir();
  const { logs } = bankPredictions();
  ref = join(dir, "reference.jsonl");
  aug = join(dir, "august.jsonl");
  writeJsonl(ref, logs.filter((l) => Date.parse(l.timestamp) < REFERENCE_END_MS));
  writeJsonl(aug, logs.filter((l) => l.timestamp.startsWith("2008-08")));
});

describe("vigil check", () => {
  it("names the drifted features of August 2008 with scipy's values", async () => {
    const { code, out } = await vigil("check", "--reference", ref, "--current", aug, "--json");
    expect(code).toBe(1);
    const r = JSON.parse(out);
    expect(r.reference.rows).toBe(12_443);
    expect(r.current).toMatchObject({ rows: 5_215, malformedRows: 0 });
    expect(r.features.contact.drift).toMatchObject({ method: "jensenshannon", pValue: null, threshold: 0.1, drifted: true });
    expect(r.features.contact.drift.statistic).toBeCloseTo(0.828365092603128, 12);
    expect(r.features.age.drift.method).toBe("wasserstein");
    expect(r.features.age.drift.statistic).toBeCloseTo(0.21867469555614646, 12);
    expect(r.features.age.drift).toMatchObject({ drifted: false, calibrated: true });
    expect(r.features.age.drift.threshold).toBeCloseTo(0.8399768202524202, 12);
    expect(r.features.marital.drift.drifted).toBe(false);
    expect(r.features.contact.quality.newCategoryShare).toBeCloseTo((5057 + 148) / 5215, 12);
    expect(Object.keys(r.features).filter((f) => r.features[f].drift?.drifted).sort()).toEqual(["contact", "education", "job"]);
    expect(r.dataset).toMatchObject({ driftedFeatures: 3, features: 14, drifted: false });
    expect(r.prediction.drift).toMatchObject({ method: "jensenshannon", drifted: true });
    expect(r.performance.task).toBe("binary_classification");
    expect(r.performance.labelCoverage).toBe(1);
    expect(r.alerts.map((a: { rule: string }) => a.rule)).toContain("accuracy_drop");
  });

  it("exits 0 when the current data is the reference itself", async () => {
    const { code, out } = await vigil("check", "--reference", ref, "--current", ref, "--json");
    const r = JSON.parse(out);
    expect(r.dataset.driftedFeatures).toBe(0);
    expect(r.alerts).toEqual([]);
    expect(code).toBe(0);
  });

  it("prints a readable table by default", async () => {
    const { out } = await vigil("check", "--reference", ref, "--current", aug);
    expect(out).toMatch(/contact\s+categorical\s+jensenshannon\s+0\.8284\s+0\.1\s+DRIFT/);
    expect(out).toMatch(/age\s+numerical\s+wasserstein\s+0\.2187\s+0\.84\*\s+no/);
    expect(out).toMatch(/\* calibrated on the reference/);
    expect(out).toMatch(/Dataset drift: 3 of 14 features drifted/);
    expect(out).toMatch(/accuracy 0\.3678/);
  });

  it("forces one method with --method where it applies", async () => {
    const { out } = await vigil("check", "--reference", ref, "--current", aug, "--json", "--method", "psi");
    const r = JSON.parse(out);
    expect(r.features.age.drift.method).toBe("psi");
    expect(r.features.contact.drift.method).toBe("psi");
  });

  it("gives the same report from a saved profile as from the data", async () => {
    const profile = join(dir, "bank.profile.json");
    const p = await vigil("profile", ref, "--model", "bank-marketing", "--out", profile);
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/12443 rows/);
    const fromProfile = JSON.parse((await vigil("check", "--reference", profile, "--current", aug, "--json")).out);
    const fromData = JSON.parse((await vigil("check", "--reference", ref, "--current", aug, "--json", "--model", "bank-marketing")).out);
    expect(fromProfile.features).toEqual(fromData.features);
    expect(fromProfile.alerts).toEqual(fromData.alerts);
  });

  it("writes the self-contained dashboard page for the comparison", async () => {
    const html = join(dir, "report.html");
    await vigil("check", "--reference", ref, "--current", aug, "--html", html, "--model", "bank-marketing");
    const page = readFileSync(html, "utf8");
    const data = JSON.parse(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(page)![1]);
    expect(data.model).toBe("bank-marketing");
    expect(data.windows[0].drift.contact).toMatchObject({ method: "jensenshannon", drifted: true });
    expect(Object.keys(data.distributions[data.windows[0].start])).toContain("contact");
    expect(page).not.toMatch(/(src|href)="https?:/);
  });

  it("counts bad rows of a partly bad file and processes the rest", async () => {
    const partly = join(dir, "partly.jsonl");
    const good = readLines(aug).slice(0, 100);
    writeFileSync(partly, [...good.slice(0, 50), "{not json", "[1,2]", ...good.slice(50)].join("\n") + "\n");
    const { out } = await vigil("check", "--reference", ref, "--current", partly, "--json");
    const r = JSON.parse(out);
    expect(r.current).toMatchObject({ rows: 100, malformedRows: 2 });
  });
});

function readLines(path: string): string[] {
  return readFileSync(path, "utf8").trim().split("\n");
}

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { agreementYaml } from "../../bench/inputs.ts";
import { writeBenchJsonl } from "../../bench/generate.ts";
import { tempDir, vigil } from "../cli/helpers.ts";

// The benchmark's Python baseline (bench/baseline.py, numpy 2.4 and scipy 1.17 of the machine
// image) must compute what Vigil computes, or the speed-up it reports compares different jobs.
// Below 10,000 values per feature Vigil's profiles are exact (DESIGN §5), so the two agree to
// rounding; the full-size run reports the sketch's difference instead.
interface Drift {
  method: string;
  statistic: number;
  pValue: number | null;
}
let vigilFeatures: Record<string, { drift: Drift }>;
let baseline: Record<string, Record<string, number>>;

beforeAll(async () => {
  const dir = tempDir();
  const ref = join(dir, "reference.jsonl");
  const cur = join(dir, "current.jsonl");
  await writeBenchJsonl(ref, 2_000, 1, 0);
  await writeBenchJsonl(cur, 3_000, 2, 0.3);
  writeFileSync(join(dir, "agreement.yaml"), agreementYaml());
  expect((await vigil("profile", ref, "--model", "bench", "--out", join(dir, "profile.json"))).code).toBe(0);
  const check = await vigil("check", "--reference", join(dir, "profile.json"), "--current", cur, "--config", join(dir, "agreement.yaml"), "--json");
  vigilFeatures = JSON.parse(check.out).features;
  const py = spawnSync("python3", ["bench/baseline.py", "--reference", ref, "--current", cur, "--out", join(dir, "values.json")], { encoding: "utf8" });
  expect(py.status, py.stderr).toBe(0);
  baseline = JSON.parse(readFileSync(join(dir, "values.json"), "utf8")).features;
});

describe("bench/baseline.py", () => {
  it("computes Vigil's PSI on the reference's deciles", () => {
    for (let j = 0; j < 10; j++) {
      const d = vigilFeatures[`num_${j}`].drift;
      expect(d.method).toBe("psi");
      expect(d.statistic).toBeCloseTo(baseline[`num_${j}`].psi, 9);
    }
  });

  it("computes Vigil's KS statistic and p-value", () => {
    for (let j = 10; j < 20; j++) {
      const d = vigilFeatures[`num_${j}`].drift;
      expect(d.method).toBe("ks");
      expect(d.statistic).toBeCloseTo(baseline[`num_${j}`].ks, 9);
      expect(d.pValue!).toBeCloseTo(baseline[`num_${j}`].ksP, 9);
    }
  });

  it("computes Vigil's χ² statistic and p-value", () => {
    for (let j = 0; j < 5; j++) {
      const d = vigilFeatures[`cat_${j}`].drift;
      expect(d.method).toBe("chisquare");
      expect(d.statistic / baseline[`cat_${j}`].chi2).toBeCloseTo(1, 9);
      expect(d.pValue!).toBeCloseTo(baseline[`cat_${j}`].chi2P, 9);
    }
  });
});

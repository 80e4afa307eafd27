import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// STYLE.md "Zones and imports": shared/ is free of AWS, CDK, I/O, env, clock, randomness and console.
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+["'](@aws-sdk|aws-cdk-lib|aws-lambda|constructs)/, "AWS or CDK import"],
  [/from\s+["'](node:)?(fs|fs\/promises|net|http|https|child_process|worker_threads)["']/, "I/O import"],
  [/from\s+["']\.\.\/(\.\.\/)*(cli|functions|infra)\//, "import from an outer zone"],
  [/process\.env/, "process.env"],
  [/Date\.now\(|new Date\(\)/, "the clock"],
  [/Math\.random\(/, "randomness"],
  [/\bconsole\.[a-z]+\(/, "console"],
];

describe("shared/", () => {
  it("imports no AWS, I/O, env, clock, randomness or console", () => {
    const offences: string[] = [];
    for (const file of tsFiles("shared")) {
      const text = readFileSync(file, "utf8");
      for (const [re, what] of FORBIDDEN) if (re.test(text)) offences.push(`${file}: ${what}`);
    }
    expect(offences).toEqual([]);
  });
});

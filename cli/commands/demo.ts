import { join } from "node:path";
import { bankPredictions, REFERENCE_END_MS, writeJsonl } from "../demo/logs.ts";
import { checkCommand } from "./check.ts";

/** Where the demo writes its files, relative to the working directory. */
export const DEMO_DIR = ".vigil/demo";

/**
 * The first-run demo until the local pipeline lands: real bank-marketing calls (Moro et al. 2014,
 * CC BY 4.0) scored by a model trained on May–June 2008, checked for August 2008, when the bank
 * moved its calls from unknown channels to cellular phones.
 */
export async function demoCommand(out: (s: string) => void, json: boolean): Promise<number> {
  const { logs, model } = bankPredictions();
  const reference = logs.filter((l) => Date.parse(l.timestamp) < REFERENCE_END_MS);
  const august = logs.filter((l) => l.timestamp.startsWith("2008-08"));
  const refPath = join(DEMO_DIR, "reference", "bank-marketing", "data.jsonl");
  const curPath = join(DEMO_DIR, "predictions", "bank-marketing", "2008", "08", "part-0000.jsonl");
  writeJsonl(refPath, reference);
  writeJsonl(curPath, august);
  if (!json) {
    out(`Demo: UCI Bank Marketing (Moro et al. 2014, CC BY 4.0), a logistic regression trained on May–June 2008`);
    out(`(decision threshold ${model.threshold}); reference ${reference.length} logged predictions, current August 2008 (${august.length}).`);
    out(`$ vigil check --reference ${refPath} --current ${curPath}\n`);
  }
  const code = await checkCommand({ reference: [refPath], current: [curPath], model: "bank-marketing", json }, out, Date.parse("2008-09-01T00:00:00Z"));
  if (!json) out(`\n(vigil check exits ${code}: ${code === 1 ? "alerts fired" : "no alerts"}; try --json or --html report.html)`);
  return 0;
}

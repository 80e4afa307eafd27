import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bankRows, type BankRow } from "./bank.ts";
import { predictProba, trainLogistic, type LogisticModel } from "./model.ts";

/** The model's inputs; `duration` is known only after the call, so it is logged but not used. */
export const NUMERIC_INPUTS = ["age", "balance", "campaign", "pdays", "previous"];
export const CATEGORICAL_INPUTS = ["job", "marital", "education", "default", "housing", "loan", "contact", "poutcome"];
/** The reference period: the model was trained on May–June 2008. */
export const REFERENCE_END_MS = Date.UTC(2008, 6, 1);

/** A canonical prediction log record (DESIGN §3). */
export interface PredictionLog {
  timestamp: string;
  request_id: string;
  model_version: string;
  features: Record<string, number | string>;
  prediction: number;
  score: number;
  label?: number;
}

/** The bank rows, the model trained on the reference period, and a log record per row. */
export function bankPredictions(): { rows: BankRow[]; model: LogisticModel; logs: PredictionLog[] } {
  const rows = bankRows();
  const ref = rows.filter((r) => r.timestampMs < REFERENCE_END_MS);
  const model = trainLogistic(ref.map((r) => r.features), ref.map((r) => r.label), NUMERIC_INPUTS, CATEGORICAL_INPUTS);
  const logs = rows.map((r, i) => {
    const score = predictProba(model, r.features);
    return {
      timestamp: new Date(r.timestampMs).toISOString(),
      request_id: `bank-${String(i + 1).padStart(5, "0")}`,
      model_version: "lr-2008-06",
      features: r.features,
      prediction: score >= model.threshold ? 1 : 0,
      score: Number(score.toFixed(6)),
      label: r.label,
    };
  });
  return { rows, model, logs };
}

/** Writes JSON Lines. */
export function writeJsonl(path: string, records: readonly object[]): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
}

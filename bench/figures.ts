import { median } from "./child.ts";

/** A target: the figure must be at least (`>=`) or at most (`<=`) the value. */
export interface Target {
  op: ">=" | "<=";
  value: number;
}

/** One line of the results table: a median over runs, its unit, its target and the run values. */
export interface Figure {
  id: string;
  label: string;
  unit: string;
  value: number;
  runs: number[];
  target: Target | null;
  pass: boolean | null;
}

/** A figure from per-run values (the median is the figure) and an optional target. */
export function figure(id: string, label: string, unit: string, runs: readonly number[], target: Target | null = null): Figure {
  const value = median(runs);
  const pass = target === null || !Number.isFinite(value) ? null : target.op === ">=" ? value >= target.value : value <= target.value;
  return { id, label, unit, value, runs: [...runs], target, pass };
}

/** A number for people: thousands separated, decimals where they mean something. */
export function fmt(v: number, unit = ""): string {
  if (!Number.isFinite(v)) return "n/a";
  if (unit === "ratio" || unit === "×") return `${v.toFixed(2)}`;
  if (unit === "diff") return v === 0 ? "0" : v.toExponential(1);
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const unitText = (u: string) => (u === "ratio" || u === "diff" ? "" : ` ${u}`);

/** The results as a Markdown table: figure, median, target, PASS/FAIL, the runs. */
export function markdownTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.label,
    `${fmt(f.value, f.unit)}${unitText(f.unit)}`,
    f.target ? `${f.target.op === ">=" ? "≥" : "≤"} ${fmt(f.target.value, f.unit)}${unitText(f.unit)}` : "—",
    f.pass === null ? "" : f.pass ? "PASS" : "FAIL",
    f.runs.length > 1 ? f.runs.map((r) => fmt(r, f.unit)).join(" / ") : "",
  ]);
  const head = ["figure", "median", "target", "result", "runs"];
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => c.padEnd(width[k])).join(" | ")} |`;
  return [line(head), `|${width.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

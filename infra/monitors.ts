import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, isAbsolute, join, relative } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { ConfigError, ConfigFieldError } from "../shared/config/errors.ts";
import { parseMonitorConfig } from "../shared/config/load.ts";
import type { MonitorConfig } from "../shared/config/schema.ts";

/** Extensions of monitor configs, as the functions look them up (`monitors/<model>.yaml|yml|json`). */
const CONFIG_EXTENSIONS = [".yaml", ".yml", ".json"] as const;

/** One validated `monitors/<model>.yaml`: its name in the bucket, its text and the parsed config. */
export interface MonitorFile {
  /** The file name, which is also its key under `monitors/` in the bucket. */
  readonly name: string;
  readonly text: string;
  readonly config: MonitorConfig;
}

/**
 * A monitor file that fails validation at synth time. The message reads
 * `monitors/m.yaml:12:9: alerts[0] (drop).when: position 12: expected …`.
 */
export class MonitorFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}${line === null ? "" : `:${line}:${column}`}: ${problem}`, options);
    this.name = "MonitorFileError";
  }
}

/**
 * Reads and validates every monitor config in `dir` with the same schema the functions use, so an
 * invalid file fails synth (with the file, the field or rule, and the line and column) instead of
 * failing in Lambda. The file name must be the model's name.
 *
 * @throws MonitorFileError for the first invalid file.
 * @example
 * loadMonitors("monitors").map((m) => m.config.model); // ["bank-marketing"]
 */
export function loadMonitors(dir: string): MonitorFile[] {
  const names = readdirSync(dir)
    .filter((name) => (CONFIG_EXTENSIONS as readonly string[]).includes(extname(name)))
    .sort();
  const byModel = new Map<string, string>();
  return names.map((name) => {
    const path = join(dir, name);
    const shown = displayPath(path);
    const text = readFileSync(path, "utf8");
    let config: MonitorConfig;
    try {
      config = parseMonitorConfig(text, shown);
    } catch (e) {
      if (e instanceof ConfigError) throw positioned(e, shown, text);
      throw e;
    }
    const stem = basename(name, extname(name));
    if (config.model !== stem) {
      const at = locate(text, ["model"], "value");
      throw new MonitorFileError(shown, at?.line ?? null, at?.col ?? null, `model: '${config.model}' must match the file name '${stem}' (the functions read monitors/<model>.yaml)`);
    }
    const other = byModel.get(config.model);
    if (other) throw new MonitorFileError(shown, null, null, `model '${config.model}' is also configured by ${other}`);
    byModel.set(config.model, shown);
    return { name, text, config };
  });
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** Adds the line and column of the offending field (or YAML syntax error) to a ConfigError. */
function positioned(e: ConfigError, file: string, text: string): MonitorFileError {
  const problem = e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message;
  if (!(e instanceof ConfigFieldError)) {
    const doc = parseDocument(text, { prettyErrors: true });
    const pos = doc.errors[0]?.linePos?.[0];
    return new MonitorFileError(file, pos?.line ?? null, pos?.col ?? null, problem, { cause: e });
  }
  const path = fieldPath(e.field);
  const unknownKey = /^Unrecognized keys?: "([^"]+)"/.exec(e.expected)?.[1];
  let at = unknownKey ? locate(text, [...path, unknownKey], "key") : null;
  if (!at) {
    // A rule error names its position inside the expression: point at that character.
    const rulePos = /^position (\d+):/.exec(e.expected);
    at = locate(text, path, "value", rulePos ? Number(rulePos[1]) - 1 : 0);
  }
  for (let n = path.length - 1; !at && n >= 0; n--) at = locate(text, path.slice(0, n), "value");
  return new MonitorFileError(file, at?.line ?? null, at?.col ?? null, problem, { cause: e });
}

/** `alerts[0] (accuracy_drop).when` → ["alerts", 0, "when"]. */
function fieldPath(field: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of field.replace(/ \([^)]*\)/g, "").split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) continue;
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The 1-based line and column of a node (its key, or its value plus an offset into a scalar). */
function locate(text: string, path: Array<string | number>, part: "key" | "value", offset = 0): { line: number; col: number } | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let node: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
      if (!pair) return null;
      keyNode = isScalar(pair.key) ? pair.key : null;
      node = pair.value;
    } else if (isSeq(node) && typeof step === "number") {
      node = node.items[step];
      keyNode = null;
    } else return null;
  }
  const target = part === "key" ? keyNode : (node as Node | null);
  if (!target?.range) return null;
  const quoted = isScalar(target) && (target.type === "QUOTE_DOUBLE" || target.type === "QUOTE_SINGLE");
  return lineCounter.linePos(target.range[0] + (quoted ? 1 : 0) + offset);
}

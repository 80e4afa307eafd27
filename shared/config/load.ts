import { parse as parseYaml, YAMLParseError } from "yaml";
import { checkRuleNames } from "../rules/evaluate.ts";
import { RuleEvaluationError, RuleSyntaxError } from "../rules/errors.ts";
import { isKnownMetric } from "../rules/catalog.ts";
import { parseRule } from "../rules/parser.ts";
import { ConfigError, ConfigFieldError } from "./errors.ts";
import { MonitorConfigSchema, type MonitorConfig } from "./schema.ts";

/** The largest config file accepted, in bytes. */
export const MAX_CONFIG_BYTES = 1_048_576;

/**
 * Parses and validates a monitor config (YAML, or JSON when the source ends in `.json`), rules
 * included: every `when` must parse and name known metrics.
 *
 * @throws ConfigError naming the source, the field and what was expected.
 * @example
 * parseMonitorConfig("model: m\n", "monitors/m.yaml").window; // "1d"
 */
export function parseMonitorConfig(text: string, source: string): MonitorConfig {
  if (text.length > MAX_CONFIG_BYTES) throw new ConfigError(source, `larger than ${MAX_CONFIG_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = source.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? `line ${e.linePos[0].line}: ` : "";
    const what = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new ConfigError(source, `${where}not valid ${source.endsWith(".json") ? "JSON" : "YAML"}: ${what}`, { cause: e });
  }
  return validateMonitorConfig(raw, source);
}

/** Validates an already parsed config object; see {@link parseMonitorConfig}. */
export function validateMonitorConfig(raw: unknown, source: string): MonitorConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigFieldError(source, "", "expected a mapping with at least 'model'");
  }
  const result = MonitorConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[");
    const extra = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : "";
    throw new ConfigFieldError(source, field, issue.message.replace(/^Invalid (input|option): /, "") + extra);
  }
  const config = result.data;
  const names = new Set<string>();
  (config.alerts ?? []).forEach((rule, i) => {
    const field = `alerts[${i}] (${rule.name}).when`;
    if (names.has(rule.name)) throw new ConfigFieldError(source, `alerts[${i}].name`, `rule name '${rule.name}' is used twice`);
    names.add(rule.name);
    try {
      checkRuleNames(parseRule(rule.when), isKnownMetric);
    } catch (e) {
      if (e instanceof RuleSyntaxError || e instanceof RuleEvaluationError) throw new ConfigFieldError(source, field, e.message);
      throw e;
    }
  });
  return config;
}

/**
 * The config used when none is given: canonical field names, every default of DESIGN §4.
 *
 * @example
 * defaultMonitorConfig("m").drift.method; // "auto"
 */
export function defaultMonitorConfig(model: string): MonitorConfig {
  return validateMonitorConfig({ model }, "default config");
}

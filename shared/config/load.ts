import { parse as parseYaml, YAMLParseError } from "yaml";
import { checkRuleNames } from "../rules/evaluate.ts";
import { RuleEvaluationError, RuleSyntaxError } from "../rules/errors.ts";
import { isKnownMetric } from "../rules/catalog.ts";
import { parseRule } from "../rules/parser.ts";
import { MAX_CONFIG_BYTES } from "./defaults.ts";
import { ConfigError, ConfigFieldError, ConfigTooLargeError } from "./errors.ts";
import { MonitorConfigSchema, type MonitorConfig } from "./schema.ts";

/**
 * Parses and validates a monitor config (YAML, or JSON when the source ends in `.json`), rules
 * included: every `when` must parse and name known metrics.
 *
 * @throws ConfigError naming the source, the field and what was expected.
 * @example
 * parseMonitorConfig("model: m\n", "monitors/m.yaml").window; // "1d"
 */
export function parseMonitorConfig(text: string, source: string): MonitorConfig {
  if (text.length > MAX_CONFIG_BYTES) throw new ConfigTooLargeError(source, text.length, MAX_CONFIG_BYTES, "characters");
  let raw: unknown;
  try {
    raw = source.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? `line ${e.linePos[0].line}: ` : "";
    // The YAML parser recurses: a document nested thousands deep exhausts the stack (caught here).
    const what = e instanceof Error ? (/Maximum call stack size exceeded/.test(e.message) ? "nested too deeply" : e.message.split("\n")[0]) : String(e);
    throw new ConfigError(source, `${where}not valid ${source.endsWith(".json") ? "JSON" : "YAML"}: ${what}`, { cause: e });
  }
  return validateMonitorConfig(raw, source);
}

/** Validates an already parsed config object; see {@link parseMonitorConfig}. */
export function validateMonitorConfig(raw: unknown, source: string): MonitorConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigFieldError(source, "", "expected a mapping with at least 'model'");
  }
  const proto = protoKeyPath(raw);
  if (proto !== null) throw new ConfigFieldError(source, proto, "'__proto__' is not accepted as a name here");
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
 * Where a parsed document holds an own `__proto__` key (YAML and JSON.parse make one), or null.
 * The schema would drop such an entry silently (a feature's type, a per-feature threshold), so it
 * is an error instead. Walks without recursion: the document may be nested arbitrarily deep.
 */
function protoKeyPath(root: object): string | null {
  const stack: Array<[object, string]> = [[root, ""]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    for (const key of Object.keys(node)) {
      const at = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (key === "__proto__" && !Array.isArray(node)) return at;
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === "object" && child !== null) stack.push([child, at]);
    }
  }
  return null;
}

import { RuleEvaluationError } from "./errors.ts";
import type { Expr } from "./parser.ts";

/** A scalar a metric can take; null when unknown in this window (e.g. accuracy without labels). */
export type Scalar = number | boolean | null;
/** A metric's value: a scalar, or one per feature (`psi`, `drift`, `missing_share` without a name). */
export type RuleValue = Scalar | Map<string, Scalar>;

/** What a rule can read: the window's metrics, their history and the reference chunks. */
export interface RuleEnvironment {
  /** The metric at a dotted path; throws RuleEvaluationError for an unknown name. */
  metric(path: readonly string[]): RuleValue;
  /** The metric's values over the last `windows` evaluated windows, oldest first. */
  history?(path: readonly string[], windows: number): number[];
  /** The metric's values over the reference's chunks. */
  chunks?(path: readonly string[]): number[];
}

/** A rule's outcome: per feature (or once, feature null) the value and threshold compared. */
export interface RuleMatch {
  feature: string | null;
  value: number | null;
  threshold: number | null;
}

const FUNCTIONS = new Set(["abs", "min", "max", "anomaly", "calibrated"]);

/**
 * Evaluates a parsed rule. Per-feature metrics broadcast: `psi > 0.2` fires once for each
 * feature above 0.2. Unknown values (null) never fire.
 *
 * @example
 * evaluateRule(parseRule("accuracy < 0.8"), { metric: () => 0.7 }); // [{ feature: null, value: 0.7, threshold: 0.8 }]
 */
export function evaluateRule(expr: Expr, env: RuleEnvironment): RuleMatch[] {
  return evaluateRuleStatus(expr, env).matches;
}

/**
 * Like {@link evaluateRule}, and says whether the rule could be decided at all: `known` is false
 * when its value is unknown (null, or null for every feature), e.g. accuracy before labels
 * arrive — such a rule neither fires nor resolves.
 *
 * @example
 * evaluateRuleStatus(parseRule("accuracy < 0.8"), { metric: () => null }).known; // false
 */
export function evaluateRuleStatus(expr: Expr, env: RuleEnvironment): { matches: RuleMatch[]; known: boolean } {
  const result = evaluate(expr, env);
  const known = result instanceof Map ? [...result.values()].some((v) => v !== null) : result !== null;
  return { matches: matchesOf(expr, env, result), known };
}

function matchesOf(expr: Expr, env: RuleEnvironment, result: RuleValue): RuleMatch[] {
  const cmp = primaryComparison(expr);
  const left = cmp ? evaluate(cmp.left, env) : null;
  const right = cmp ? evaluate(cmp.right, env) : null;
  const pick = (v: RuleValue, f: string | null): number | null => {
    const s = v instanceof Map ? (f === null ? null : (v.get(f) ?? null)) : v;
    return typeof s === "number" && Number.isFinite(s) ? s : null;
  };
  if (result instanceof Map) {
    return [...result].filter(([, v]) => v === true).map(([f]) => ({ feature: f, value: pick(left, f), threshold: pick(right, f) }));
  }
  return result === true ? [{ feature: null, value: pick(left, null), threshold: pick(right, null) }] : [];
}

/** Throws RuleEvaluationError for the first metric name `isKnown` rejects or unknown function. */
export function checkRuleNames(expr: Expr, isKnown: (path: readonly string[]) => boolean): void {
  switch (expr.type) {
    case "metric":
      if (!isKnown(expr.path)) throw new RuleEvaluationError(`position ${expr.position}: unknown metric '${expr.path.join(".")}'`);
      return;
    case "call":
      if (!FUNCTIONS.has(expr.name)) {
        throw new RuleEvaluationError(`position ${expr.position}: unknown function '${expr.name}' (expected one of ${[...FUNCTIONS].join(", ")})`);
      }
      for (const a of [...expr.args, ...Object.values(expr.named)]) checkRuleNames(a, isKnown);
      return;
    case "unary":
      return checkRuleNames(expr.arg, isKnown);
    case "binary":
      checkRuleNames(expr.left, isKnown);
      return checkRuleNames(expr.right, isKnown);
    default:
      return;
  }
}

function primaryComparison(expr: Expr): Extract<Expr, { type: "binary" }> | null {
  if (expr.type !== "binary") return null;
  if (expr.op === "and" || expr.op === "or") return primaryComparison(expr.left) ?? primaryComparison(expr.right);
  return ["<", "<=", ">", ">=", "==", "!="].includes(expr.op) ? expr : null;
}

function evaluate(expr: Expr, env: RuleEnvironment): RuleValue {
  switch (expr.type) {
    case "number":
    case "boolean":
      return expr.value;
    case "metric":
      return env.metric(expr.path);
    case "unary": {
      const v = evaluate(expr.arg, env);
      return expr.op === "not" ? lift1(v, (x) => (x === null ? null : !truthy(x))) : lift1(v, (x) => (typeof x === "number" ? -x : null));
    }
    case "binary":
      return lift2(evaluate(expr.left, env), evaluate(expr.right, env), (a, b) => apply(expr.op, a, b));
    case "call":
      return call(expr, env);
  }
}

function truthy(x: Scalar): boolean {
  return x === true || (typeof x === "number" && x !== 0 && !Number.isNaN(x));
}

function apply(op: string, a: Scalar, b: Scalar): Scalar {
  if (op === "and") return truthy(a) && truthy(b);
  if (op === "or") return truthy(a) || truthy(b);
  if (typeof a !== "number" || typeof b !== "number") {
    if (op === "==" && typeof a === "boolean" && typeof b === "boolean") return a === b;
    if (op === "!=" && typeof a === "boolean" && typeof b === "boolean") return a !== b;
    return null;
  }
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "==": return a === b;
    case "!=": return a !== b;
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return b === 0 ? null : a / b;
    default: throw new RuleEvaluationError(`unknown operator '${op}'`);
  }
}

function lift1(v: RuleValue, f: (x: Scalar) => Scalar): RuleValue {
  return v instanceof Map ? new Map([...v].map(([k, x]) => [k, f(x)])) : f(v);
}

function lift2(a: RuleValue, b: RuleValue, f: (x: Scalar, y: Scalar) => Scalar): RuleValue {
  if (a instanceof Map && b instanceof Map) return new Map([...a].map(([k, x]) => [k, f(x, b.get(k) ?? null)]));
  if (a instanceof Map) return new Map([...a].map(([k, x]) => [k, f(x, b as Scalar)]));
  if (b instanceof Map) return new Map([...b].map(([k, y]) => [k, f(a, y)]));
  return f(a, b);
}

function call(expr: Extract<Expr, { type: "call" }>, env: RuleEnvironment): RuleValue {
  const num = (name: string, fallback: number): number => {
    const e = expr.named[name];
    const v = e ? evaluate(e, env) : fallback;
    if (typeof v !== "number") throw new RuleEvaluationError(`${expr.name}: ${name} must be a number`);
    return v;
  };
  const args = expr.args.map((a) => evaluate(a, env));
  switch (expr.name) {
    case "abs":
      if (args.length !== 1) throw new RuleEvaluationError("abs takes one argument");
      return lift1(args[0], (x) => (typeof x === "number" ? Math.abs(x) : null));
    case "min":
    case "max":
      if (args.length !== 2) throw new RuleEvaluationError(`${expr.name} takes two arguments`);
      return lift2(args[0], args[1], (x, y) =>
        typeof x === "number" && typeof y === "number" ? (expr.name === "min" ? Math.min(x, y) : Math.max(x, y)) : null,
      );
    case "anomaly":
    case "calibrated": {
      const target = expr.args[0];
      if (expr.args.length !== 1 || target.type !== "metric") {
        throw new RuleEvaluationError(`${expr.name} takes one metric name, e.g. ${expr.name}(accuracy, k=3)`);
      }
      const k = num("k", 3);
      const windows = num("windows", 14);
      const series = (path: readonly string[]): number[] =>
        expr.name === "anomaly" ? (env.history?.(path, windows) ?? []) : (env.chunks?.(path) ?? []);
      const outside = (x: Scalar, path: readonly string[]): Scalar => {
        if (typeof x !== "number") return null;
        const s = series(path).filter(Number.isFinite);
        if (s.length < 3) return null;
        const mean = s.reduce((p, q) => p + q, 0) / s.length;
        const sd = Math.sqrt(s.reduce((p, q) => p + (q - mean) ** 2, 0) / (s.length - 1));
        return Math.abs(x - mean) > k * sd && Math.abs(x - mean) > 1e-12 * Math.max(1, Math.abs(mean));
      };
      const v = args[0];
      return v instanceof Map ? new Map([...v].map(([f, x]) => [f, outside(x, [...target.path, f])])) : outside(v, target.path);
    }
    default:
      throw new RuleEvaluationError(`position ${expr.position}: unknown function '${expr.name}'`);
  }
}

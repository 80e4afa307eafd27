import { RuleSyntaxError } from "./errors.ts";
import { tokenize, type Token } from "./lexer.ts";

/** A parsed rule expression. */
export type Expr =
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "metric"; path: string[]; position: number }
  | { type: "call"; name: string; args: Expr[]; named: Record<string, Expr>; position: number }
  | { type: "unary"; op: "-" | "not"; arg: Expr }
  | { type: "binary"; op: BinaryOp; left: Expr; right: Expr };

/** Operators that combine two expressions. */
export type BinaryOp = "or" | "and" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "+" | "-" | "*" | "/";

const COMPARISONS = new Set(["<", "<=", ">", ">=", "==", "!="]);
const KEYWORDS = new Set(["and", "or", "not", "true", "false"]);
const MAX_DEPTH = 64;

/**
 * Parses a rule such as `accuracy < baseline.accuracy * 0.9 and label_coverage >= 0.8`.
 * Grammar (lowest precedence first): or, and, not, one comparison, + −, * /, unary −,
 * then numbers, `true`/`false`, dotted metric names and calls `f(x, k=3)`.
 *
 * @throws RuleSyntaxError with the 1-based position and what was expected there.
 * @example
 * parseRule("psi > 0.2").type; // "binary"
 */
export function parseRule(text: string): Expr {
  const p = new Parser(tokenize(text));
  const expr = p.or(0);
  p.expect("end", "an operator or the end of the rule");
  return expr;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private get t(): Token {
    return this.tokens[this.i];
  }

  private fail(expected: string): never {
    const t = this.t;
    throw new RuleSyntaxError(t.position, expected, t.kind === "end" ? "the end of the rule" : `'${t.text}'`);
  }

  expect(kind: Token["kind"], expected: string): Token {
    if (this.t.kind !== kind) this.fail(expected);
    return this.tokens[this.i++];
  }

  private isWord(word: string): boolean {
    return this.t.kind === "ident" && this.t.text === word;
  }

  or(depth: number): Expr {
    if (depth > MAX_DEPTH) this.fail(`at most ${MAX_DEPTH} levels of nesting`);
    let left = this.and(depth);
    while (this.isWord("or")) {
      this.i++;
      left = { type: "binary", op: "or", left, right: this.and(depth) };
    }
    return left;
  }

  private and(depth: number): Expr {
    let left = this.not(depth);
    while (this.isWord("and")) {
      this.i++;
      left = { type: "binary", op: "and", left, right: this.not(depth) };
    }
    return left;
  }

  private not(depth: number): Expr {
    if (this.isWord("not")) {
      this.i++;
      return { type: "unary", op: "not", arg: this.not(depth + 1) };
    }
    return this.comparison(depth);
  }

  private comparison(depth: number): Expr {
    const left = this.sum(depth);
    if (this.t.kind === "op" && COMPARISONS.has(this.t.text)) {
      const op = this.tokens[this.i++].text as BinaryOp;
      const right = this.sum(depth);
      if (this.t.kind === "op" && COMPARISONS.has(this.t.text)) this.fail("'and' or 'or' between comparisons");
      return { type: "binary", op, left, right };
    }
    return left;
  }

  private sum(depth: number): Expr {
    let left = this.product(depth);
    while (this.t.kind === "op" && (this.t.text === "+" || this.t.text === "-")) {
      const op = this.tokens[this.i++].text as BinaryOp;
      left = { type: "binary", op, left, right: this.product(depth) };
    }
    return left;
  }

  private product(depth: number): Expr {
    let left = this.unary(depth);
    while (this.t.kind === "op" && (this.t.text === "*" || this.t.text === "/")) {
      const op = this.tokens[this.i++].text as BinaryOp;
      left = { type: "binary", op, left, right: this.unary(depth) };
    }
    return left;
  }

  private unary(depth: number): Expr {
    if (this.t.kind === "op" && this.t.text === "-") {
      this.i++;
      if (depth > MAX_DEPTH) this.fail(`at most ${MAX_DEPTH} levels of nesting`);
      return { type: "unary", op: "-", arg: this.unary(depth + 1) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): Expr {
    const t = this.t;
    if (t.kind === "number") {
      this.i++;
      return { type: "number", value: Number(t.text) };
    }
    if (t.kind === "(") {
      this.i++;
      const inner = this.or(depth + 1);
      this.expect(")", "')'");
      return inner;
    }
    if (t.kind === "ident" && (t.text === "true" || t.text === "false")) {
      this.i++;
      return { type: "boolean", value: t.text === "true" };
    }
    if (t.kind !== "ident" || KEYWORDS.has(t.text)) this.fail("a number, a metric name or '('");
    this.i++;
    if (this.t.kind === "(") return this.call(t, depth);
    const path = [t.text];
    while (this.t.kind === ".") {
      this.i++;
      path.push(this.expect("ident", "a name after '.'").text);
    }
    return { type: "metric", path, position: t.position };
  }

  private call(name: Token, depth: number): Expr {
    this.i++; // "("
    const args: Expr[] = [];
    const named: Record<string, Expr> = Object.create(null);
    if (this.t.kind !== ")") {
      for (;;) {
        const isNamed = this.t.kind === "ident" && this.tokens[this.i + 1]?.kind === "=";
        if (isNamed) {
          const key = this.tokens[this.i].text;
          this.i += 2;
          named[key] = this.or(depth + 1);
        } else {
          if (Object.keys(named).length > 0) this.fail("a named argument (k=…) after named arguments");
          args.push(this.or(depth + 1));
        }
        if (this.t.kind !== ",") break;
        this.i++;
      }
    }
    this.expect(")", "',' or ')'");
    return { type: "call", name: name.text, args, named, position: name.position };
  }
}

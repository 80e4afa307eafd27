import { RuleSyntaxError } from "./errors.ts";

/** The kinds of token the rule language has. */
export type TokenKind = "number" | "ident" | "op" | "(" | ")" | "," | "." | "=" | "end";

/** A token with its 1-based start position in the expression. */
export interface Token {
  kind: TokenKind;
  text: string;
  position: number;
}

const OPERATORS = ["<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/"] as const;
const MAX_EXPRESSION_CHARS = 2_000;

/**
 * Splits a rule expression into tokens. Identifiers are letters, digits and `_`; a backquoted
 * segment (`` drift.`my feature` ``) holds any other characters.
 *
 * @throws RuleSyntaxError at the first character that starts no token.
 * @example
 * tokenize("psi > 0.2").map((t) => t.text); // ["psi", ">", "0.2", ""]
 */
export function tokenize(text: string): Token[] {
  if (text.length > MAX_EXPRESSION_CHARS) {
    throw new RuleSyntaxError(MAX_EXPRESSION_CHARS + 1, `at most ${MAX_EXPRESSION_CHARS} characters`, "more");
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const position = i + 1;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      tokens.push({ kind: "number", text: num[0], position });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (ident) {
      tokens.push({ kind: "ident", text: ident[0], position });
      i += ident[0].length;
      continue;
    }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end < 0) throw new RuleSyntaxError(position, "a closing backquote", "the end of the rule");
      tokens.push({ kind: "ident", text: text.slice(i + 1, end), position });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: "op", text: op, position });
      i += op.length;
      continue;
    }
    if (c === "(" || c === ")" || c === "," || c === "." || c === "=") {
      tokens.push({ kind: c, text: c, position });
      i++;
      continue;
    }
    throw new RuleSyntaxError(position, "a number, a name, an operator or a parenthesis", `'${c}'`);
  }
  tokens.push({ kind: "end", text: "", position: text.length + 1 });
  return tokens;
}

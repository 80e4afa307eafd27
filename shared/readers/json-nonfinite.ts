/**
 * JSON with the bare `NaN`, `Infinity` and `-Infinity` tokens that Python's `json.dumps` writes by
 * default (and JavaScript's JSON.parse refuses). A model server logging a missing feature as NaN
 * would otherwise lose the whole prediction to one value. Used only after JSON.parse has failed,
 * so well-formed lines pay nothing.
 *
 * @example
 * parseJsonNonFinite('{"x": NaN, "y": -Infinity, "s": "NaN"}'); // { x: NaN, y: -Infinity, s: "NaN" }
 * parseJsonNonFinite("{nope");                                   // undefined
 */

/** A cheap test before the scan: the text mentions one of the tokens at all. */
const MENTIONS_NON_FINITE = /NaN|Infinity/;

/** Stands for a token while JSON.parse runs; a reviver turns it back into the number. */
const SENTINEL = "\u0000vigil-non-finite:";

const TOKENS: ReadonlyArray<readonly [string, number]> = [
  ["-Infinity", Number.NEGATIVE_INFINITY],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["NaN", Number.NaN],
];

/**
 * Parses `text` reading bare NaN/Infinity/-Infinity (outside strings, as whole values) as the
 * non-finite numbers; undefined when it is not JSON even then.
 */
export function parseJsonNonFinite(text: string): unknown {
  if (!MENTIONS_NON_FINITE.test(text)) return undefined;
  const quoted = quoteTokens(text);
  if (quoted === null) return undefined;
  try {
    return JSON.parse(quoted, revive);
  } catch {
    return undefined;
  }
}

function revive(_key: string, v: unknown): unknown {
  if (typeof v !== "string" || !v.startsWith(SENTINEL)) return v;
  return TOKENS[Number(v.slice(SENTINEL.length))][1];
}

/** The text with each bare token replaced by a sentinel string, or null when there is none. */
function quoteTokens(text: string): string | null {
  const out: string[] = [];
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    const t = TOKENS.findIndex(([word]) => text.startsWith(word, i));
    if (t === -1 || !isBoundary(text, i - 1, true) || !isBoundary(text, i + TOKENS[t][0].length, false)) continue;
    out.push(text.slice(from, i), JSON.stringify(`${SENTINEL}${t}`));
    i += TOKENS[t][0].length - 1;
    from = i + 1;
  }
  if (out.length === 0) return null;
  out.push(text.slice(from));
  return out.join("");
}

/** Whether the character at `i` may stand before (or after) a value: a delimiter, space or the end. */
function isBoundary(text: string, i: number, before: boolean): boolean {
  if (i < 0 || i >= text.length) return true;
  const c = text[i];
  if (c === " " || c === "\t" || c === "\r" || c === "\n" || c === ",") return true;
  return before ? c === ":" || c === "[" : c === "}" || c === "]";
}

/** A rule expression does not follow the grammar; `position` is the 1-based character. */
export class RuleSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`position ${position}: expected ${expected}, found ${found}`);
    this.name = "RuleSyntaxError";
  }
}

/** A rule is well formed but cannot be evaluated (unknown metric or function, wrong arguments). */
export class RuleEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleEvaluationError";
  }
}

import type { Clock } from "../../shared/ports.ts";

/**
 * The wall clock.
 *
 * @example
 * systemClock.nowMs(); // Date.now()
 */
export const systemClock: Clock = { nowMs: () => Date.now() };

/**
 * A clock the local runner (or a test) moves by hand, standing in for the EventBridge schedule:
 * evaluate, advance past the window and its lateness grace, evaluate again.
 *
 * @example
 * const clock = new ManualClock(Date.UTC(2008, 8, 1));
 * clock.advance(86_400_000);
 * clock.nowMs(); // Date.UTC(2008, 8, 2)
 */
export class ManualClock implements Clock {
  constructor(private now: number) {}

  nowMs(): number {
    return this.now;
  }

  /** Sets the time; it may not go back (windows and cooldowns assume it never does). */
  set(ms: number): void {
    if (ms < this.now) throw new RangeError(`ManualClock cannot go back from ${this.now} to ${ms}`);
    this.now = ms;
  }

  advance(ms: number): void {
    this.set(this.now + ms);
  }
}

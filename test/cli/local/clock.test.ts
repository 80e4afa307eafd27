import { describe, expect, it } from "vitest";
import { ManualClock, systemClock } from "../../../cli/local/clock.ts";

describe("ManualClock", () => {
  it("moves only when told", () => {
    const clock = new ManualClock(Date.UTC(2008, 8, 1));
    clock.advance(86_400_000);
    expect(clock.nowMs()).toBe(Date.UTC(2008, 8, 2));
    clock.set(Date.UTC(2008, 8, 3));
    expect(clock.nowMs()).toBe(Date.UTC(2008, 8, 3));
  });

  it("refuses to go back", () => {
    const clock = new ManualClock(10);
    expect(() => clock.set(9)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow("ManualClock cannot go back from 10 to 9");
  });
});

describe("systemClock", () => {
  it("reads the wall clock", () => {
    const before = Date.now();
    const now = systemClock.nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

import { describe, expect, it } from "vitest";
import { collectLog, jsonl, sourceFromBytes } from "./helpers.ts";

function deepObject(levels: number): string {
  return '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
}

describe("readLog on hostile input", () => {
  it("reads __proto__, constructor and prototype keys of a flat record as features", async () => {
    const line = '{"__proto__":{"polluted":true},"constructor":"c","prototype":7,"toString":"t"}';
    const { records } = await collectLog(sourceFromBytes("x.jsonl", `${line}\n`));
    const f = records[0].features;
    expect(Object.keys(f).sort()).toEqual(["__proto__", "constructor", "prototype", "toString"]);
    expect(f.constructor).toBe("c");
    expect(f.prototype).toBe(7);
    expect(f.__proto__).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads __proto__ keys inside a nested features object as features", async () => {
    const line = '{"timestamp":0,"features":{"__proto__":"x","constructor":1,"hasOwnProperty":"h"}}';
    const { records } = await collectLog(sourceFromBytes("x.jsonl", `${line}\n`));
    const f = records[0].features;
    expect(Object.getPrototypeOf(f)).toBeNull();
    expect(Object.keys(f)).toEqual(["__proto__", "constructor", "hasOwnProperty"]);
    expect(f.__proto__).toBe("x");
    expect(Object.prototype.hasOwnProperty.call({}, "x")).toBe(false);
  });

  it("reads __proto__ and constructor CSV columns as features", async () => {
    const { records } = await collectLog(sourceFromBytes("x.csv", "__proto__,constructor,prototype\n1,2,3\n"));
    expect(Object.getPrototypeOf(records[0].features)).toBeNull();
    expect({ ...records[0].features }).toEqual({ ["__proto__"]: 1, constructor: 2, prototype: 3 });
  });

  it("never reads an inherited property as a mapped field", async () => {
    const { records } = await collectLog(jsonl([{ x: 1 }]), { fields: { id: "constructor", version: "toString" } });
    expect(records[0].id).toBeNull();
    expect(records[0].version).toBeNull();
  });

  it("counts a feature nested 10,000 levels deep as a malformed row", async () => {
    const text = `{"timestamp":0,"deep":${deepObject(10_000)}}\n{"x":1}\n`;
    const { records, malformed } = await collectLog(sourceFromBytes("x.jsonl", text));
    expect(records).toHaveLength(1);
    expect(malformed).toMatchObject([{ line: 1, reason: "value nested deeper than 100 levels" }]);
  });

  it("counts a nested features object 10,000 levels deep as a malformed row", async () => {
    const { malformed } = await collectLog(sourceFromBytes("x.jsonl", `{"features":{"f":${deepObject(10_000)}}}\n`));
    expect(malformed[0].reason).toBe("value nested deeper than 100 levels");
  });

  it("counts an array nested 10,000 levels deep as a malformed row", async () => {
    const { malformed } = await collectLog(sourceFromBytes("x.jsonl", "[".repeat(10_000) + "]".repeat(10_000) + "\n"));
    expect(malformed[0].reason).toBe("not a JSON object");
  });

  it("counts 10,000 levels of nesting in a JSON array document as a malformed element", async () => {
    const { records, malformed } = await collectLog(sourceFromBytes("x.json", `[{"d":${deepObject(10_000)}},{"x":1}]`));
    expect(records).toHaveLength(1);
    expect(malformed[0].reason).toBe("value nested deeper than 100 levels");
  });
});

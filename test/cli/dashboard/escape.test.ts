import { describe, expect, it } from "vitest";
import { escapeHtml, jsonForScript } from "../../../cli/dashboard/escape.ts";

describe("jsonForScript", () => {
  it("escapes <, >, & and the line separators", () => {
    expect(jsonForScript({ f: "</script>&\u2028\u2029" })).toBe('{"f":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}');
  });

  it("round-trips through JSON.parse", () => {
    const value = { "<!--": ["</script><script>alert(1)</script>", "@channel", "a\u2028b", 1.5, null] };
    expect(JSON.parse(jsonForScript(value))).toEqual(value);
  });

  it("throws for a value JSON cannot represent", () => {
    expect(() => jsonForScript(undefined)).toThrow("jsonForScript: value is not JSON-serialisable");
  });
});

describe("escapeHtml", () => {
  it("escapes markup and quotes", () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)">'&`)).toBe("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;&#39;&#38;");
  });
});

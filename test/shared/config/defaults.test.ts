import { describe, expect, it } from "vitest";
import { defaultMonitorConfig } from "../../../shared/config/defaults.ts";
import { ConfigFieldError } from "../../../shared/config/errors.ts";
import { validateMonitorConfig } from "../../../shared/config/load.ts";

// defaultMonitorConfig is written out so that `vigil check` without --config need not load zod
// and yaml; the schema stays the single definition, and these tests hold the two together.
describe("defaultMonitorConfig", () => {
  for (const model of ["m", "bank-marketing", "Model_1.v2", "x".repeat(128)]) {
    it(`equals the schema's defaults for { model: ${model.slice(0, 12)} }`, () => {
      expect(defaultMonitorConfig(model)).toStrictEqual(validateMonitorConfig({ model }, "default config"));
    });
  }

  for (const model of ["", "-m", "a b", "x".repeat(129), "é"]) {
    it(`refuses the model name ${JSON.stringify(model.slice(0, 12))} with the schema's error`, () => {
      let schemaError: unknown;
      try {
        validateMonitorConfig({ model }, "default config");
      } catch (e) {
        schemaError = e;
      }
      expect(schemaError).toBeInstanceOf(ConfigFieldError);
      expect(() => defaultMonitorConfig(model)).toThrow(ConfigFieldError);
      expect(() => defaultMonitorConfig(model)).toThrow((schemaError as Error).message);
    });
  }

  it("gives a fresh object each time (callers may change theirs)", () => {
    const a = defaultMonitorConfig("m");
    a.drift.perFeature.age = { method: "psi" } as never;
    expect(defaultMonitorConfig("m").drift.perFeature).toEqual({});
  });
});

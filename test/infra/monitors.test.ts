import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMonitors, MonitorFileError } from "../../infra/monitors.ts";
import { folderWith, REPO } from "./files.ts";

const failure = (files: Record<string, string>): MonitorFileError => {
  try {
    loadMonitors(folderWith(files));
  } catch (e) {
    if (e instanceof MonitorFileError) return e;
    throw e;
  }
  throw new Error("expected a MonitorFileError");
};

describe("loadMonitors", () => {
  it("validates the repository's monitors", () => {
    expect(loadMonitors(join(REPO, "monitors")).map((m) => m.config.model)).toEqual(["bank-marketing"]);
  });

  it("reads .yaml, .yml and .json files and ignores other files", () => {
    const dir = folderWith({ "a.yaml": "model: a\n", "b.yml": "model: b\n", "c.json": '{"model": "c"}', "README.md": "# monitors\n" });
    expect(loadMonitors(dir).map((m) => m.name)).toEqual(["a.yaml", "b.yml", "c.json"]);
  });

  it("names the file, the field and its line and column for a schema error", () => {
    const e = failure({ "m.yaml": "model: m\nwindow: 1d\ndrift: {method: auto, threshold: -1}\n" });
    expect(e.message).toMatch(/m\.yaml:3:34: drift\.threshold: Too small/);
    expect([e.line, e.column]).toEqual([3, 34]);
  });

  it("points at the rule's offending character for a rule syntax error", () => {
    const e = failure({ "m.yaml": 'model: m\nalerts:\n  - {name: ok, when: "accuracy < 0.5", severity: P2}\n  - {name: bad, when: "accuracy < < 0.5", severity: P2}\n' });
    expect(e.message).toMatch(/m\.yaml:4:35: alerts\[1\] \(bad\)\.when: position 12: expected/);
  });

  it("points at an unknown key", () => {
    expect(failure({ "m.yaml": "model: m\ncolour: blue\n" }).message).toMatch(/m\.yaml:2:1: \(top level\): Unrecognized key: "colour"/);
  });

  it("gives the line of a YAML syntax error", () => {
    expect(failure({ "m.yaml": "model: m\nwindow: [1d\n" }).message).toMatch(/m\.yaml:3:1: .*not valid YAML/);
  });

  it("requires the file name to be the model's name", () => {
    expect(failure({ "bank.yaml": "model: fraud\n" }).message).toMatch(/bank\.yaml:1:8: model: 'fraud' must match the file name 'bank'/);
  });

  it("rejects two files for one model", () => {
    expect(failure({ "m.yaml": "model: m\n", "m.json": '{"model": "m"}' }).message).toMatch(/m\.yaml: model 'm' is also configured by .*m\.json/);
  });
});

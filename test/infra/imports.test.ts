import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./files.ts";

// STYLE.md "Zones and imports": infra/ takes only constants, names and schemas from shared/.
const ALLOWED_SHARED = new Set([
  "shared/names.ts",
  "shared/config/load.ts",
  "shared/config/schema.ts",
  "shared/config/errors.ts",
  "shared/config/duration.ts",
  "shared/drift/methods.ts",
  "shared/reference/parse.ts",
]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const imports = (file: string): string[] =>
  [...readFileSync(file, "utf8").matchAll(/from\s+["'](\.[^"']+)["']/g)].map((m) => relative(REPO, resolve(dirname(file), m[1])));

describe("infra/ imports", () => {
  it("takes only names, config schemas and the reference parser from shared/", () => {
    const used = tsFiles(join(REPO, "infra")).flatMap(imports).filter((p) => p.startsWith("shared/"));
    expect(used.filter((p) => !ALLOWED_SHARED.has(p))).toEqual([]);
  });

  it("imports nothing from functions/ or cli/", () => {
    const used = tsFiles(join(REPO, "infra")).flatMap(imports);
    expect(used.filter((p) => p.startsWith("functions/") || p.startsWith("cli/"))).toEqual([]);
  });
});

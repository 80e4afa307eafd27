import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

/** The repository root, found without importing the CDK app. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

let root: string | null = null;
let next = 0;

afterAll(() => {
  if (root !== null) rmSync(root, { recursive: true, force: true });
  root = null;
});

/** A fresh folder holding the given files (name → text), removed after the test file. */
export function folderWith(files: Record<string, string>): string {
  root ??= mkdtempSync(join(tmpdir(), "vigil-infra-test-"));
  const dir = join(root, String(next++));
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

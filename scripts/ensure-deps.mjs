// Installs the project's npm dependencies when they are missing or stale, so that the README's
// two commands work on a fresh clone where only Node and npm exist.
import { existsSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const marker = join(root, "node_modules", ".package-lock.json");
const lock = join(root, "package-lock.json");
const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  process.stderr.write("vigil: installing npm dependencies (first run)…\n");
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write("vigil: npm ci failed; see the messages above\n");
    process.exit(r.status ?? 1);
  }
}

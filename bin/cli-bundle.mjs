// The `vigil` command's prebuilt bundle: cli/main.ts and the profiling worker bundled by esbuild
// into node_modules/.cache/vigil-cli/, rebuilt when any of their source files changed. Loading
// ~150 TypeScript modules through tsx costs ≈ 0.5 s per process (and again per worker thread);
// the bundle loads in ≈ 50 ms. Anything that goes wrong here (no esbuild, a read-only install)
// returns null and the caller falls back to tsx, so the command works either way.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "node_modules", ".cache", "vigil-cli");
const stampFile = join(cache, "stamp.json");
/** Bump when the build options below change, so old bundles are not reused. */
const BUILD_VERSION = 1;
/** Build folders no stamp points to are removed once this old (a running process may still use one). */
const STALE_MS = 60 * 60 * 1000;

/** The bundle's entry (a file: URL of main.mjs), built or rebuilt as needed; null to use tsx. */
export async function cliBundle() {
  if (process.env.VIGIL_NO_BUNDLE === "1") return null;
  try {
    const fresh = freshBuild();
    if (fresh !== null) return pathToFileURL(join(cache, fresh, "main.mjs")).href;
    const dir = await build();
    return dir === null ? null : pathToFileURL(join(cache, dir, "main.mjs")).href;
  } catch {
    return null;
  }
}

/** The folder of a build whose every input is unchanged since it was made, else null. */
function freshBuild() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, "utf8"));
  } catch {
    return null;
  }
  if (stamp.version !== BUILD_VERSION || typeof stamp.dir !== "string" || !existsSync(join(cache, stamp.dir, "main.mjs"))) return null;
  for (const [file, mark] of Object.entries(stamp.inputs)) {
    try {
      const st = statSync(join(root, file));
      if (`${st.mtimeMs}:${st.size}` !== mark) return null;
    } catch {
      return null;
    }
  }
  return stamp.dir;
}

/** Bundles into a new folder, then points the stamp at it (atomically: concurrent runs are safe). */
async function build() {
  const esbuild = await import("esbuild");
  const dir = `build-${process.pid}-${Date.now().toString(36)}`;
  const out = join(cache, dir);
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: "cli/main.ts", worker: "cli/profile-worker.ts" },
    outdir: out,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outExtension: { ".js": ".mjs" },
    sourcemap: "linked",
    metafile: true,
    logLevel: "silent",
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const st = statSync(join(root, file));
    // A file saved while esbuild read it: use this build once, but do not stamp it as fresh.
    if (st.mtimeMs >= started - 1000) return dir;
    inputs[relative(root, join(root, file))] = `${st.mtimeMs}:${st.size}`;
  }
  const tmp = `${stampFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: BUILD_VERSION, dir, inputs }));
  renameSync(tmp, stampFile);
  removeOldBuilds(dir);
  return dir;
}

function removeOldBuilds(keep) {
  for (const name of readdirSync(cache)) {
    if (!name.startsWith("build-") || name === keep) continue;
    try {
      if (Date.now() - statSync(join(cache, name)).mtimeMs > STALE_MS) rmSync(join(cache, name), { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

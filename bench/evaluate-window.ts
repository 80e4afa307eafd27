import { readdirSync } from "node:fs";
import { join } from "node:path";
import { FolderObjectStore } from "../cli/local/folder-object-store.ts";
import { compareProfiles } from "../shared/check/compare.ts";
import { loadModelConfig, loadReference } from "../shared/pipeline/context.ts";
import { partialsPrefix } from "../shared/pipeline/keys.ts";
import { mergeWindow } from "../shared/pipeline/partials.ts";

/**
 * Child process of bench/evaluate.ts: the evaluate path as the Lambda runs it (read and merge a
 * window's partials with `mergeWindow`, load the reference and compare) on a folder bucket. The
 * keys are listed with readdir (S3 lists ETags for free; the folder store would hash every file).
 * Prints one JSON line: wall and CPU ms, and the process's peak RSS, which is what the evaluate
 * Lambda's memory must hold (Node and the code included).
 *
 * Usage: node bin/run-ts.mjs bench/evaluate-window.ts <bucket dir> <model>
 */
const [root, model] = process.argv.slice(2);
const objects = new FolderObjectStore(root);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const [t0, c0] = [performance.now(), cpu()];
const config = await loadModelConfig(objects, model);
const reference = await loadReference(objects, model);
if (!reference) throw new Error(`evaluate-window: no reference for ${model} under ${root}`);
let rows = 0;
for (const w of readdirSync(join(root, partialsPrefix(model))).sort()) {
  const keys = readdirSync(join(root, partialsPrefix(model), w)).sort().map((f) => `${partialsPrefix(model)}${w}/${f}`);
  const merged = await mergeWindow(objects, keys);
  compareProfiles(reference, merged, config);
  rows += merged.rows;
}
console.log(JSON.stringify({ rows, ms: performance.now() - t0, cpuMs: cpu() - c0, maxRssMb: process.resourceUsage().maxRSS / 1024 }));

import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Temp files start with a dot so listings skip them, and end with this suffix. */
export const TEMP_SUFFIX = ".tmp";

/**
 * A fresh temp path beside `file` (same folder, so the rename stays on one file system).
 *
 * @example
 * tempPathFor("/b/predictions/a.jsonl"); // "/b/predictions/.a.jsonl.4242.9f1c2a.tmp"
 */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
}

/**
 * Writes `file` so that readers see either the old content or the new, never a part: the bytes go
 * to a temp file that is then renamed over it. Parent folders are created. Atomic against a
 * crashed process; there is no fsync, so a power cut may lose the last write (a local run is
 * simply repeated).
 *
 * @example
 * await writeFileAtomic("/tmp/b/state/x.json", "{}");
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** `writeFileAtomic`, synchronous: no other write can interleave (used for database exports). */
export function writeFileAtomicSync(file: string, data: Uint8Array): void {
  const temp = tempPathFor(file);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

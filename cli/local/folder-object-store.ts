import { lstat, readdir, readFile, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ObjectInfo, ObjectStore } from "../../shared/ports.ts";
import type { ByteSource } from "../../shared/types.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { EtagCache, fileObject, isAbsent } from "./file-object.ts";
import { compareKeys, keyPath, prefixFolder } from "./object-keys.ts";

/**
 * The bucket as a folder (DESIGN §8), with S3's key layout: key `predictions/m/a.jsonl` is the
 * file `<root>/predictions/m/a.jsonl`. Behaves like `S3ObjectStore`:
 *
 * - `open()` returns a streamed ByteSource with ranged `read(start, end)` and `size`, bound to the
 *   version opened (a replaced file fails with ObjectChangedError, like S3's `IfMatch`); its ETag
 *   is the content's MD5 (S3's single-part ETag), `lastModifiedMs` the file's mtime.
 * - `put()` writes atomically (temp file and rename), creating folders; the content type is not
 *   kept (nothing reads it back).
 * - `list(prefix)` walks folders recursively and yields objects in S3's key order (UTF-8 bytes);
 *   as in S3 the prefix is a plain string prefix. Dotfiles and dot-folders (temp files, `.vigil/`)
 *   are skipped, and so are symbolic links to folders (no cycles).
 * - `delete()` of a missing key succeeds. Emptied folders stay (S3 has no folders; lists ignore them).
 *
 * Keys that would escape the folder (`..`, absolute paths) throw ObjectKeyError (see `keyPath`).
 * Unlike S3, a key cannot also be a "folder" of other keys (`a` and `a/b`): the file system refuses.
 *
 * @example
 * const objects = new FolderObjectStore("/tmp/bucket");
 * await objects.put("monitors/bank.yaml", "model: bank\n");
 * for await (const o of objects.list("monitors/")) console.log(o.key, o.etag); // monitors/bank.yaml 5d41…
 */
export class FolderObjectStore implements ObjectStore {
  readonly root: string;
  private readonly etags = new EtagCache();

  constructor(root: string) {
    this.root = resolve(root);
  }

  async open(key: string): Promise<(ByteSource & { info: ObjectInfo }) | null> {
    const path = keyPath(this.root, key);
    const found = await this.etags.stat(key, path);
    return found && fileObject(found, path);
  }

  async getText(key: string): Promise<string | null> {
    try {
      return await readFile(keyPath(this.root, key), "utf8");
    } catch (e) {
      if (isAbsent(e)) return null;
      throw e;
    }
  }

  async put(key: string, body: string | Uint8Array, _contentType?: string): Promise<void> {
    await writeFileAtomic(keyPath(this.root, key), body);
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const keys: string[] = [];
    const start = prefixFolder(this.root, prefix);
    const base = start === this.root ? "" : start.slice(this.root.length + 1).split(/[\\/]/).join("/") + "/";
    await this.walk(start, base, prefix, keys);
    for (const key of keys.sort(compareKeys)) {
      const found = await this.etags.stat(key, keyPath(this.root, key));
      if (found) yield found.info; // a file deleted since the walk is simply not listed
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(keyPath(this.root, key));
    } catch (e) {
      // A missing key, or a key that is a folder of other keys: S3 would have nothing to delete.
      if (isAbsent(e)) return;
      const folder = (e as NodeJS.ErrnoException).code === "EPERM" && (await lstat(keyPath(this.root, key))).isDirectory();
      if (!folder) throw e;
    }
  }

  /** Collects the keys under `folder` (whose key prefix is `base`) that start with `prefix`. */
  private async walk(folder: string, base: string, prefix: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (e) {
      if (isAbsent(e)) return;
      throw e;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name.includes("\\")) continue;
      const key = base + entry.name;
      if (entry.isDirectory()) {
        // Only descend where keys could still match: the folder's key is a prefix of `prefix` or starts with it.
        const dirKey = key + "/";
        if (dirKey.startsWith(prefix) || prefix.startsWith(dirKey)) await this.walk(join(folder, entry.name), dirKey, prefix, out);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && key.startsWith(prefix)) {
        out.push(key); // a link to a folder is dropped when stat() finds no file
      }
    }
  }
}

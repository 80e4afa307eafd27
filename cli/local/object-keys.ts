import { isAbsolute, resolve, sep } from "node:path";
import { ObjectKeyError } from "./errors.ts";

/**
 * The file of an object key under the bucket folder, with the same layout as S3: key
 * `predictions/m/a.jsonl` is `<root>/predictions/m/a.jsonl`. Keys that could not round-trip
 * through a folder, or could reach outside it, are refused: absolute keys, empty, `.` or `..`
 * segments, backslashes and NUL. Segments starting with a dot are refused too: they are reserved
 * for the backend's own files (`.vigil/`) and temp files, which listings skip.
 *
 * @throws ObjectKeyError naming the key and the problem
 * @example
 * keyPath("/data/bucket", "predictions/m/a.jsonl"); // "/data/bucket/predictions/m/a.jsonl"
 * keyPath("/data/bucket", "../secrets"); // throws ObjectKeyError
 */
export function keyPath(root: string, key: string): string {
  if (key === "") throw new ObjectKeyError(key, "is empty");
  checkChars(key);
  const segments = key.split("/");
  for (const s of segments) {
    if (s === "") throw new ObjectKeyError(key, "has an empty segment (a leading, trailing or double /)");
    checkSegment(key, s);
  }
  return inside(root, key, resolve(root, ...segments));
}

/**
 * Where to start walking for a list prefix, which, as in S3, is a plain string prefix
 * (`predictions/m` also matches `predictions/model2/…`): the folder of its last complete segment.
 *
 * @throws ObjectKeyError for an absolute prefix or one with `.`/`..` segments
 * @example
 * prefixFolder("/b", "predictions/m"); // "/b/predictions"
 * prefixFolder("/b", ""); // "/b"
 */
export function prefixFolder(root: string, prefix: string): string {
  checkChars(prefix);
  const segments = prefix.split("/").slice(0, -1);
  for (const s of segments) if (s !== "") checkSegment(prefix, s);
  return inside(root, prefix, resolve(root, ...segments));
}

/**
 * Orders keys by their UTF-8 bytes, as S3 lists them (JavaScript's `<` compares UTF-16 units,
 * which differs for characters beyond U+FFFF).
 *
 * @example
 * ["b", "a/c", "a-c"].sort(compareKeys); // ["a-c", "a/c", "b"]
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function checkChars(key: string): void {
  if (isAbsolute(key) || /^[A-Za-z]:/.test(key)) throw new ObjectKeyError(key, "is an absolute path");
  if (key.includes("\\")) throw new ObjectKeyError(key, "contains a backslash");
  if (key.includes("\0")) throw new ObjectKeyError(key, "contains a NUL character");
}

function checkSegment(key: string, segment: string): void {
  if (segment === "." || segment === "..") throw new ObjectKeyError(key, `has a "${segment}" segment`);
  if (segment.startsWith(".")) throw new ObjectKeyError(key, "has a segment starting with a dot (reserved for the backend)");
}

function inside(root: string, key: string, path: string): string {
  const base = resolve(root);
  if (path !== base && !path.startsWith(base + sep)) throw new ObjectKeyError(key, "points outside the bucket folder");
  return path;
}

import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ObjectChangedError, ObjectKeyError } from "../../../cli/local/errors.ts";
import { FolderObjectStore } from "../../../cli/local/folder-object-store.ts";
import { bytesOf, collect, tempDir } from "./helpers.ts";

let root: string;
let store: FolderObjectStore;
beforeEach(() => {
  root = tempDir();
  store = new FolderObjectStore(root);
});

const md5 = (b: string | Uint8Array) => createHash("md5").update(b).digest("hex");
const keysOf = async (prefix: string) => (await collect(store.list(prefix))).map((o) => o.key);

describe("FolderObjectStore", () => {
  it("round-trips text under the S3 key layout, creating folders", async () => {
    await store.put("state/m/a.json", '{"ü":1}', "application/json");
    expect(readFileSync(join(root, "state", "m", "a.json"), "utf8")).toBe('{"ü":1}');
    expect(await store.getText("state/m/a.json")).toBe('{"ü":1}');
  });

  it("opens an object as a stream with size, MD5 etag and mtime", async () => {
    const bytes = new Uint8Array(3_000_000).map((_, i) => (i * 7) % 251);
    await store.put("predictions/m/x.bin", bytes);
    utimesSync(join(root, "predictions/m/x.bin"), 1_700_000_000, 1_700_000_000);
    const src = await store.open("predictions/m/x.bin");
    expect(src!.name).toBe("predictions/m/x.bin");
    expect(src!.size).toBe(3_000_000);
    expect(src!.info).toEqual({ key: "predictions/m/x.bin", etag: md5(bytes), size: 3_000_000, lastModifiedMs: 1_700_000_000_000 });
    expect(Buffer.compare(await bytesOf(src!.stream()), Buffer.from(bytes))).toBe(0);
  });

  it("reads byte ranges [start, end), clamped to the object", async () => {
    await store.put("reference/m/p.bin", new Uint8Array(1_000).map((_, i) => i % 256));
    const src = (await store.open("reference/m/p.bin"))!;
    expect(Array.from(await src.read!(990, 1_000))).toEqual([222, 223, 224, 225, 226, 227, 228, 229, 230, 231]);
    expect(Array.from(await src.read!(998, 5_000))).toEqual([230, 231]);
    expect((await src.read!(5, 5)).length).toBe(0);
  });

  it("streams an empty object as no chunks", async () => {
    await store.put("labels/m/empty.csv", "");
    const src = await store.open("labels/m/empty.csv");
    expect(src!.size).toBe(0);
    expect(await collect(src!.stream())).toEqual([]);
  });

  it("returns null for a missing key, or a key that is a folder", async () => {
    await store.put("a/b/c.txt", "x");
    for (const key of ["nope/missing", "a/b", "a/b/c.txt/d"]) {
      expect(await store.open(key)).toBeNull();
      expect(await store.getText(key)).toBeNull();
    }
  });

  it("changes the etag with the content, and keeps it for the same content", async () => {
    await store.put("monitors/m.yaml", "window: 1d\n");
    const first = (await store.open("monitors/m.yaml"))!.info.etag;
    await store.put("monitors/m.yaml", "window: 1h\n");
    const second = (await store.open("monitors/m.yaml"))!.info.etag;
    await store.put("monitors/m.yaml", "window: 1d\n");
    expect(second).not.toBe(first);
    expect((await store.open("monitors/m.yaml"))!.info.etag).toBe(first);
    expect(first).toBe(md5("window: 1d\n"));
  });

  it("fails reads of an opened object that was replaced since", async () => {
    await store.put("reference/m/p.json", "one");
    const src = (await store.open("reference/m/p.json"))!;
    await store.put("reference/m/p.json", "two");
    await expect(bytesOf(src.stream())).rejects.toBeInstanceOf(ObjectChangedError);
    await expect(src.read!(0, 1)).rejects.toBeInstanceOf(ObjectChangedError);
  });

  it("lists recursively in S3 key order (UTF-8 bytes), with etags and sizes", async () => {
    for (const key of ["p/b", "p/a/z", "p/a-c", "p/a/b", "p/\u{1F600}", "p/\uFF01"]) await store.put(key, key);
    const listed = await collect(store.list("p/"));
    expect(listed.map((o) => o.key)).toEqual(["p/a-c", "p/a/b", "p/a/z", "p/b", "p/\uFF01", "p/\u{1F600}"]);
    expect(listed[0]).toMatchObject({ etag: md5("p/a-c"), size: 5 });
  });

  it("lists by plain string prefix, as S3 does", async () => {
    for (const key of ["predictions/m/1", "predictions/model2/1", "predictions/n/1", "labels/m/1"]) await store.put(key, "x");
    expect(await keysOf("predictions/m")).toEqual(["predictions/m/1", "predictions/model2/1"]);
    expect(await keysOf("predictions/m/")).toEqual(["predictions/m/1"]);
    expect(await keysOf("")).toHaveLength(4);
    expect(await keysOf("nothing/here/")).toEqual([]);
  });

  it("skips dotfiles, dot-folders, temp files and links to folders", async () => {
    await store.put("p/kept", "x");
    mkdirSync(join(root, ".vigil"));
    writeFileSync(join(root, ".vigil", "state.sqlite"), "x");
    writeFileSync(join(root, "p", ".kept.123.abc.tmp"), "x");
    writeFileSync(join(root, "p", ".DS_Store"), "x");
    symlinkSync(join(root, "p"), join(root, "loop"));
    expect(await keysOf("")).toEqual(["p/kept"]);
  });

  it("leaves no temp file behind a put", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put("state/m/same.json", `{"n":${i}}`)));
    expect(readdirSync(join(root, "state", "m"))).toEqual(["same.json"]);
    expect(await store.getText("state/m/same.json")).toMatch(/^\{"n":\d+\}$/);
  });

  it("deletes an object, and a missing key without error", async () => {
    await store.put("quarantine/m/a.jsonl", "x");
    await store.delete("quarantine/m/a.jsonl");
    expect(await store.getText("quarantine/m/a.jsonl")).toBeNull();
    await expect(store.delete("quarantine/m/a.jsonl")).resolves.toBeUndefined();
    await expect(store.delete("quarantine")).resolves.toBeUndefined();
  });

  it("rejects keys that would leave the folder or not round-trip", async () => {
    for (const key of ["../escape", "a/../../escape", "/etc/passwd", "a//b", "a/", "", "a/./b", ".vigil/state.sqlite", "a\\b"]) {
      await expect(store.put(key, "x"), key).rejects.toBeInstanceOf(ObjectKeyError);
      await expect(store.getText(key), key).rejects.toBeInstanceOf(ObjectKeyError);
    }
    await expect(collect(store.list("../"))).rejects.toBeInstanceOf(ObjectKeyError);
    expect(readdirSync(join(root, ".."))).not.toContain("escape");
  });

  it("names the key and the problem in the error", async () => {
    await expect(store.open("a/../../x")).rejects.toThrow('object key "a/../../x": has a ".." segment');
  });
});

import { CreateBucketCommand, ListBucketsCommand, type S3Client } from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapLimit } from "../../../functions/adapters/concurrency.ts";
import { S3ObjectStore, STREAM_RESUMES } from "../../../functions/adapters/s3-object-store.ts";
import { breakBody, FaultInjector } from "../../helpers/faults.ts";
import { awsClients, startMoto, type Moto } from "../../helpers/moto.ts";

let moto: Moto;
let s3: S3Client;
let store: S3ObjectStore;

beforeAll(async () => {
  moto = await startMoto();
  s3 = awsClients(moto.endpoint).s3;
  await s3.send(new CreateBucketCommand({ Bucket: "vigil-test" }));
  store = new S3ObjectStore(s3, "vigil-test");
});
afterAll(async () => {
  s3?.destroy();
  await moto?.stop();
});

async function collect(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts);
}

describe("S3ObjectStore", () => {
  it("round-trips text with its content type", async () => {
    await store.put("state/m/a.json", '{"ü":1}', "application/json");
    expect(await store.getText("state/m/a.json")).toBe('{"ü":1}');
  });

  it("opens an object as a stream with its info", async () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
    await store.put("predictions/m/x.bin", bytes);
    const src = await store.open("predictions/m/x.bin");
    expect(src).not.toBeNull();
    expect(src!.name).toBe("predictions/m/x.bin");
    expect(src!.size).toBe(200_000);
    expect(src!.info.etag).toBe(createHash("md5").update(bytes).digest("hex"));
    expect(src!.info.lastModifiedMs).toBeGreaterThan(0);
    expect(Buffer.compare(await collect(src!.stream()), Buffer.from(bytes))).toBe(0);
  });

  it("reads byte ranges [start, end)", async () => {
    const src = await store.open("predictions/m/x.bin");
    const part = await src!.read!(199_990, 200_000);
    expect(Array.from(part)).toEqual(Array.from({ length: 10 }, (_, k) => ((199_990 + k) * 7) % 251));
    expect((await src!.read!(0, 1))[0]).toBe(0);
    expect((await src!.read!(5, 5)).length).toBe(0);
  });

  it("streams an empty object as no chunks", async () => {
    await store.put("labels/m/empty.csv", "");
    const src = await store.open("labels/m/empty.csv");
    expect(src!.size).toBe(0);
    expect((await collect(src!.stream())).length).toBe(0);
  });

  it("returns null for a missing key", async () => {
    expect(await store.open("nope/missing")).toBeNull();
    expect(await store.getText("nope/missing")).toBeNull();
  });

  it("rethrows errors other than a missing key", async () => {
    const other = new S3ObjectStore(s3, "no-such-bucket");
    await expect(other.getText("a")).rejects.toMatchObject({ name: "NoSuchBucket" });
  });

  it("resumes a body that breaks mid-stream from the byte it reached", async () => {
    const bytes = new Uint8Array(50_000).map((_, i) => (i * 13) % 251);
    await store.put("predictions/m/resume.bin", bytes);
    const faults = new FaultInjector(s3).plan({ commands: ["GetObject"], times: 2, fault: breakBody(20_000) });
    try {
      const src = await store.open("predictions/m/resume.bin");
      expect(Buffer.compare(await collect(src!.stream()), Buffer.from(bytes))).toBe(0);
      expect(faults.attempts.filter((a) => a.command === "GetObject").map((a) => a.input.Range)).toEqual([undefined, "bytes=20000-", "bytes=40000-"]);
    } finally {
      faults.clear();
    }
  });

  it("fails with ObjectStreamError when the body keeps breaking", async () => {
    const faults = new FaultInjector(s3).plan({ commands: ["GetObject"], times: Infinity, fault: breakBody(1_000) });
    try {
      const src = await store.open("predictions/m/resume.bin");
      await expect(collect(src!.stream())).rejects.toMatchObject({ name: "ObjectStreamError", receivedBytes: (STREAM_RESUMES + 1) * 1_000, sizeBytes: 50_000 });
    } finally {
      faults.clear();
    }
  });

  it("fails a stream when the object changed after open", async () => {
    await store.put("reference/m/p.json", "one");
    const src = await store.open("reference/m/p.json");
    await store.put("reference/m/p.json", "two!");
    await expect(collect(src!.stream())).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
  });

  it("lists more than 1000 keys across pages, in key order", async () => {
    const keys = Array.from({ length: 1_100 }, (_, i) => `monitors/many/k${String(i).padStart(5, "0")}`);
    await mapLimit([...keys].reverse(), 16, (k) => store.put(k, "x"));
    const listed: string[] = [];
    for await (const o of store.list("monitors/many/")) {
      listed.push(o.key);
      expect(o.etag).toBe(createHash("md5").update("x").digest("hex"));
      expect(o.size).toBe(1);
    }
    expect(listed).toEqual(keys);
  });

  it("deletes a key, and deleting again succeeds", async () => {
    await store.put("quarantine/m/q", "bad");
    await store.delete("quarantine/m/q");
    expect(await store.getText("quarantine/m/q")).toBeNull();
    await expect(store.delete("quarantine/m/q")).resolves.toBeUndefined();
  });
});

describe("moto harness", () => {
  it("wipes every resource on reset", async () => {
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.length).toBeGreaterThan(0);
    await moto.reset();
    expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });
});

import {
  BatchGetItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
  PutItemCommand,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import type {
  Clock,
  JoinedPrediction,
  JoinStore,
  LabelItem,
  LabelWriteResult,
  PredictionItem,
  PredictionWriteResult,
} from "../../shared/ports.ts";
import { chunks, DEFAULT_CONCURRENCY, mapLimit } from "./concurrency.ts";
import * as L from "./dynamo-join-items.ts";
import { isConditionFailed, numAttr, toAttr } from "./dynamo-values.ts";
import { JoinThrottledError } from "./errors.ts";

/** BatchGetItem takes at most 100 keys. */
const KEYS_PER_BATCH_GET = 100;
/** UnprocessedKeys are retried with jittered backoff this many times in all. */
const MAX_BATCH_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 25;
const SECONDS_PER_DAY = 86_400;

type Item = Record<string, AttributeValue>;
type SetOutcome = "set" | "labelled" | "absent";
const systemClock: Clock = { nowMs: () => Date.now() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keeps the first item per id; the rest are duplicates within the call. */
function firstPerId<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && (seen.add(i.id), true));
}

/**
 * Repeats of an id within one call that count as duplicates: all of them without a source; with
 * one, those in another window than the id's first (a repeat in the same window is counted by
 * that window's profile).
 */
export function countedRepeats(items: readonly PredictionItem[], source: string | undefined): number {
  const first = new Map<string, number>();
  let n = 0;
  for (const p of items) {
    const w = first.get(p.id);
    if (w === undefined) first.set(p.id, p.windowStartMs);
    else if (source === undefined || w !== p.windowStartMs) n++;
  }
  return n;
}

/**
 * The label join on DynamoDB (layout in `dynamo-join-items.ts`). Both orders of arrival join
 * exactly once, and redelivery of either side counts duplicates and changes nothing. Items expire
 * `ttlDays` after they are written (TTL attribute `ttl`; the clock is injectable for tests).
 * Writes go one item per call, at most `concurrency` (16) in flight; lookups are strongly
 * consistent BatchGetItem calls of 100 keys. Predictions carry their source (`src`), so an
 * ingest retried after failing part-way, or running twice at once, finds its own ids and counts
 * none of them twice. `windowPredictions` reads eventually consistent pages: the evaluator reads
 * a window after its lateness grace, and a label that misses one evaluation is seen by the next.
 *
 * @example
 * const joins = new DynamoJoinStore(new DynamoDBClient({}), "vigil-table");
 * await joins.putPredictions("m", [{ id: "r1", windowStartMs: 0, timestampMs: 5, prediction: 1,
 *   score: 0.9, version: null, segments: {} }], 14); // { inserted: 1, duplicates: 0, joinedEarlyLabels: 0 }
 */
export class DynamoJoinStore implements JoinStore {
  constructor(
    private readonly client: DynamoDBClient,
    readonly table: string,
    private readonly clock: Clock = systemClock,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {}

  async putPredictions(model: string, items: readonly PredictionItem[], ttlDays: number, source?: string): Promise<PredictionWriteResult> {
    const unique = firstPerId(items);
    const repeats = countedRepeats(items, source);
    const ttl = this.ttl(ttlDays);
    const outcomes = await mapLimit(unique, this.concurrency, (p) => this.insertNew(model, p, ttl, source));
    // Labels that came first wait as pending items; join them to the predictions just written,
    // and to this source's own from an earlier attempt (which may have stopped before joining).
    const written = unique.filter((_, i) => outcomes[i] !== "duplicate");
    const pending = await this.batchGet(written.map((p) => L.pendingKey(model, p.id)));
    const byPk = new Map(written.map((p) => [L.pendingKey(model, p.id).pk.S!, p]));
    const joined = await mapLimit([...pending], this.concurrency, async ([pk, item]) => {
      const p = byPk.get(pk)!;
      const outcome = await this.setLabel(model, p.windowStartMs, p.timestampMs, L.labelOfPending(p.id, item));
      if (outcome !== "absent") await this.deletePending(model, p.id);
      return outcome === "set";
    });
    return {
      inserted: outcomes.filter((o) => o === "new").length,
      duplicates: outcomes.filter((o) => o === "duplicate").length + repeats,
      joinedEarlyLabels: joined.filter(Boolean).length,
    };
  }

  async releasePredictions(model: string, items: readonly Pick<PredictionItem, "id" | "windowStartMs">[], source: string): Promise<number> {
    const ours = { ConditionExpression: "src = :src", ExpressionAttributeValues: { ":src": { S: source } } };
    const released = await mapLimit(firstPerId(items), this.concurrency, async (p) => {
      const key = L.predictionKey(model, p.windowStartMs, p.id);
      const res = await this.client.send(new GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
      const item = res.Item;
      if (item?.src?.S === source) {
        // Park its label first: a crash before the delete below leaves a label both joined and
        // pending, which the retry finishes; the other order could lose the label.
        const label = L.joinedOfItem(p.windowStartMs, item);
        if (label.label !== null) {
          const at = label.timestampMs + (label.labelDelayMs ?? 0);
          await this.putIfAbsent(L.pendingItem(model, { id: p.id, label: label.label, timestampMs: at }, numAttr(item.ttl) ?? 0));
        }
        await this.deleteIf(key, ours);
      }
      return this.deleteIf(L.indexKey(model, p.id), ours);
    });
    return released.filter(Boolean).length;
  }

  async putLabels(model: string, items: readonly LabelItem[], ttlDays: number): Promise<LabelWriteResult> {
    const unique = firstPerId(items);
    const result: LabelWriteResult = { joined: 0, pending: 0, duplicates: items.length - unique.length };
    const ttl = this.ttl(ttlDays);
    const join = async (label: LabelItem, index: Item | undefined): Promise<SetOutcome> =>
      index ? this.setLabel(model, numAttr(index.windowStartMs)!, numAttr(index.timestampMs)!, label) : "absent";
    const found = await this.batchGet(unique.map((l) => L.indexKey(model, l.id)));
    const parked: LabelItem[] = [];
    await mapLimit(unique, this.concurrency, async (label) => {
      const outcome = await join(label, found.get(L.indexKey(model, label.id).pk.S!));
      if (outcome === "set") result.joined++;
      else if (outcome === "absent" && (await this.putIfAbsent(L.pendingItem(model, label, ttl)))) parked.push(label);
      else result.duplicates++;
    });
    // A prediction written while these labels were being parked may have looked for them too
    // early: look again. The conditional update keeps the join single whichever side wins.
    const late = await this.batchGet(parked.map((l) => L.indexKey(model, l.id)));
    await mapLimit(parked, this.concurrency, async (label) => {
      if ((await join(label, late.get(L.indexKey(model, label.id).pk.S!))) === "set") {
        result.joined++;
        await this.deletePending(model, label.id);
      } else {
        result.pending++;
      }
    });
    return result;
  }

  async *windowPredictions(model: string, windowStartMs: number): AsyncIterable<JoinedPrediction> {
    let start: Item | undefined;
    do {
      const res = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: L.windowPk(model, windowStartMs) } },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) yield L.joinedOfItem(windowStartMs, item);
      start = res.LastEvaluatedKey;
    } while (start);
  }

  private ttl(ttlDays: number): number {
    return Math.floor(this.clock.nowMs() / 1000) + Math.ceil(ttlDays * SECONDS_PER_DAY);
  }

  /**
   * Claims the id with a conditional put of its index item, then writes the prediction item,
   * also conditional: "new" when this call stored it, "own" when `source` had stored it in this
   * window before (a retry after a failure part-way: the pair is finished, nothing is counted),
   * "duplicate" when another source (or another window) holds the id. Without a `source`, a
   * claim that fails on an index item of the same window is finished rather than counted (a crash
   * may have come between the two puts), and exactly one writer of a prediction item counts it.
   * (TransactWriteItems would make the pair atomic, but costs twice the write units, and moto
   * copies the whole table per action and fails under concurrent transactions.)
   */
  private async insertNew(model: string, p: PredictionItem, ttl: number, source?: string): Promise<"new" | "own" | "duplicate"> {
    // With a source, a claimed id is ours: a prediction item already there was written by a
    // concurrent run on the same object (S3 and SQS deliver at least once, and in parallel).
    let own = source !== undefined;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: L.indexItem(model, p, ttl, source),
          ConditionExpression: "attribute_not_exists(pk)",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      const old = (e as { Item?: Item }).Item;
      if (old && numAttr(old.windowStartMs) !== p.windowStartMs) return "duplicate"; // the id lives in another window
      const holder = old?.src?.S;
      if (source !== undefined && holder !== undefined && holder !== source) return "duplicate"; // another object's id
      own = source !== undefined && holder === source;
    }
    if (await this.putIfAbsent(L.predictionItem(model, p, ttl, source))) return "new";
    return own ? "own" : "duplicate";
  }

  /**
   * Sets the label of a stored, unlabelled prediction: "set", "labelled" when it already has one,
   * or "absent" when the prediction item is not (yet) there.
   */
  private async setLabel(model: string, windowStartMs: number, predictedAtMs: number, label: LabelItem): Promise<SetOutcome> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: L.predictionKey(model, windowStartMs, label.id),
          UpdateExpression: "SET #label = :label, #delay = :delay",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#label)",
          ExpressionAttributeNames: { "#label": "label", "#delay": "labelDelayMs" },
          ExpressionAttributeValues: { ":label": toAttr(label.label), ":delay": { N: String(label.timestampMs - predictedAtMs) } },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return "set";
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      return (e as { Item?: Item }).Item ? "labelled" : "absent";
    }
  }

  /** Deletes an item if the condition holds; false when it did not (or the item is gone). */
  private async deleteIf(Key: Item, condition: { ConditionExpression: string; ExpressionAttributeValues: Item }): Promise<boolean> {
    try {
      await this.client.send(new DeleteItemCommand({ TableName: this.table, Key, ...condition }));
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  private async deletePending(model: string, id: string): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: L.pendingKey(model, id) }));
  }

  private async putIfAbsent(Item: Item): Promise<boolean> {
    try {
      const cmd = new PutItemCommand({ TableName: this.table, Item, ConditionExpression: "attribute_not_exists(pk)" });
      await this.client.send(cmd);
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  /** Strongly consistent BatchGetItem over any number of keys; found items by pk. */
  private async batchGet(keys: Item[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    await mapLimit(chunks(keys, KEYS_PER_BATCH_GET), this.concurrency, async (batch) => {
      let request: Item[] = batch;
      for (let attempt = 0; request.length > 0; attempt++) {
        if (attempt === MAX_BATCH_ATTEMPTS) {
          throw new JoinThrottledError(this.table, request.map((k) => k.pk.S!), "BatchGetItem left keys unprocessed");
        }
        if (attempt > 0) await sleep(BACKOFF_BASE_MS * 2 ** attempt * Math.random());
        const res: BatchGetItemCommandOutput = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: request, ConsistentRead: true } } }),
        );
        for (const item of res.Responses?.[this.table] ?? []) found.set(item.pk.S!, item);
        request = res.UnprocessedKeys?.[this.table]?.Keys ?? [];
      }
    });
    return found;
  }
}

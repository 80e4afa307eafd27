import {
  BatchGetItemCommand,
  DeleteItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  PutItemCommand,
  type AttributeValue,
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
import { JoinWriteError } from "./errors.ts";

/** TransactWriteItems takes at most 100 actions: 50 predictions of two items each. */
const PREDICTIONS_PER_TRANSACTION = 50;
/** BatchGetItem takes at most 100 keys. */
const KEYS_PER_BATCH_GET = 100;
const MAX_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 25;
const SECONDS_PER_DAY = 86_400;

type Item = Record<string, AttributeValue>;
const systemClock: Clock = { nowMs: () => Date.now() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keeps the first item per id; the rest are duplicates within the call. */
function firstPerId<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && (seen.add(i.id), true));
}

/**
 * The label join on DynamoDB (layout in `dynamo-join-items.ts`). Both orders of arrival join
 * exactly once, and redelivery of either side counts duplicates and changes nothing. Items expire
 * `ttlDays` after they are written (TTL attribute `ttl`; the clock is injectable for tests).
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

  async putPredictions(model: string, items: readonly PredictionItem[], ttlDays: number): Promise<PredictionWriteResult> {
    const unique = firstPerId(items);
    const ttl = this.ttl(ttlDays);
    const written = (
      await mapLimit(chunks(unique, PREDICTIONS_PER_TRANSACTION), this.concurrency, (c) => this.insertNew(model, c, ttl))
    ).flat();
    // Labels that came first wait as pending items; join them to the predictions just written.
    const pending = await this.batchGet(written.map((p) => L.pendingKey(model, p.id)));
    const byId = new Map(written.map((p) => [p.id, p]));
    const joined = await mapLimit([...pending], this.concurrency, async ([, item]) => {
      const label = L.labelOfPending(item.pk.S!.slice(`L#${model}#`.length), item);
      const p = byId.get(label.id)!;
      const ok = await this.setLabel(model, p.windowStartMs, p.timestampMs, label);
      if (ok) await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: L.pendingKey(model, label.id) }));
      return ok;
    });
    return {
      inserted: written.length,
      duplicates: items.length - written.length,
      joinedEarlyLabels: joined.filter(Boolean).length,
    };
  }

  async putLabels(model: string, items: readonly LabelItem[], ttlDays: number): Promise<LabelWriteResult> {
    const unique = firstPerId(items);
    const result: LabelWriteResult = { joined: 0, pending: 0, duplicates: items.length - unique.length };
    const ttl = this.ttl(ttlDays);
    const found = await this.batchGet(unique.map((l) => L.indexKey(model, l.id)));
    const parked: LabelItem[] = [];
    await mapLimit(unique, this.concurrency, async (label) => {
      const index = found.get(L.indexKey(model, label.id).pk.S!);
      if (index) {
        const ok = await this.setLabel(model, numAttr(index.windowStartMs)!, numAttr(index.timestampMs)!, label);
        result[ok ? "joined" : "duplicates"]++;
      } else if (await this.putIfAbsent(L.pendingItem(model, label, ttl))) {
        parked.push(label);
      } else {
        result.duplicates++;
      }
    });
    // A prediction written while these labels were parked may have looked for them too early:
    // look again; the conditional update keeps the join single whichever side wins.
    const late = await this.batchGet(parked.map((l) => L.indexKey(model, l.id)));
    await mapLimit(parked, this.concurrency, async (label) => {
      const index = late.get(L.indexKey(model, label.id).pk.S!);
      const ok = index && (await this.setLabel(model, numAttr(index.windowStartMs)!, numAttr(index.timestampMs)!, label));
      if (ok) {
        result.joined++;
        await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: L.pendingKey(model, label.id) }));
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
   * Writes each prediction with its index item, all conditional on absence, in one transaction.
   * A cancelled transaction names the failed items: those are duplicates; the rest are retried.
   * Returns the predictions written.
   */
  private async insertNew(model: string, batch: PredictionItem[], ttl: number): Promise<PredictionItem[]> {
    const put = (Item: Item) => ({ Put: { TableName: this.table, Item, ConditionExpression: "attribute_not_exists(pk)" } });
    let todo = batch;
    let conflictsLeft = MAX_ATTEMPTS;
    while (todo.length > 0) {
      try {
        const TransactItems = todo.flatMap((p) => [put(L.predictionItem(model, p, ttl)), put(L.indexItem(model, p, ttl))]);
        await this.client.send(new TransactWriteItemsCommand({ TransactItems }));
        return todo;
      } catch (e) {
        const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
        if ((e as { name?: string }).name !== "TransactionCanceledException" || !reasons) throw e;
        const code = (i: number) => reasons[i]?.Code ?? "None";
        const failed = (i: number) => code(2 * i) === "ConditionalCheckFailed" || code(2 * i + 1) === "ConditionalCheckFailed";
        const next = todo.filter((_, i) => !failed(i));
        if (next.length === todo.length) {
          // Nothing was a duplicate: a conflict with a concurrent transaction or a throttle. Back off.
          const codes = [...new Set(reasons.map((r) => r.Code ?? "None"))].filter((c) => c !== "None");
          if (--conflictsLeft === 0) throw new JoinWriteError(this.table, model, todo.map((p) => p.id), codes);
          await sleep(BACKOFF_BASE_MS * 2 ** (MAX_ATTEMPTS - conflictsLeft) * Math.random());
        }
        // Items cancelled only because another item failed were not written: retry them.
        todo = next;
      }
    }
    return [];
  }

  /** Sets the label of a stored, unlabelled prediction; false if it is labelled (or gone). */
  private async setLabel(model: string, windowStartMs: number, predictedAtMs: number, label: LabelItem): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: L.predictionKey(model, windowStartMs, label.id),
          UpdateExpression: "SET #label = :label, #delay = :delay",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#label)",
          ExpressionAttributeNames: { "#label": "label", "#delay": "labelDelayMs" },
          ExpressionAttributeValues: { ":label": toAttr(label.label), ":delay": { N: String(label.timestampMs - predictedAtMs) } },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
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
      let request: Item[] | undefined = batch;
      for (let attempt = 0; request && request.length > 0; attempt++) {
        if (attempt > 0) await sleep(BACKOFF_BASE_MS * 2 ** Math.min(attempt, 6) * Math.random());
        const res = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: request, ConsistentRead: true } } }),
        );
        for (const item of res.Responses?.[this.table] ?? []) found.set(item.pk.S!, item);
        request = res.UnprocessedKeys?.[this.table]?.Keys;
      }
    });
    return found;
  }
}

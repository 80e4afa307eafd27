import { GetItemCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { AlertState, StateStore, WindowState } from "../../shared/ports.ts";
import { isConditionFailed, modelPart, numAttr } from "./dynamo-values.ts";

type Item = Record<string, AttributeValue>;
const num = (n: number | null): AttributeValue => (n === null ? { NULL: true } : { N: String(n) });

/**
 * Evaluation state on the join table (same `pk`/`sk` schema):
 *
 * | item         | pk          | sk                   | attributes |
 * |--------------|-------------|----------------------|------------|
 * | window state | `S#<model>` | `W#<windowStartMs>`  | evaluatedAtMs, evaluatedRows, lateRowsPublished, performancePublishedAtMs, version |
 * | alert state  | `S#<model>` | `A#<rule>`           | firing, lastNotifiedMs, sinceMs, clearStreak, fireStreak, version |
 *
 * `put*` store the state as given (the caller sets the new `version`) only if the stored version
 * is `expectedVersion` (`attribute_not_exists(pk)` when null): optimistic locking, false on a
 * conflict. Reads are strongly consistent so a read-modify-write sees the last write. State
 * items have no TTL.
 *
 * @example
 * const state = new DynamoStateStore(new DynamoDBClient({}), "vigil-table");
 * const w = await state.getWindow("m", 0); // null the first time
 * await state.putWindow({ ...fresh, version: 1 }, null); // true; a second identical call: false
 */
export class DynamoStateStore implements StateStore {
  constructor(
    private readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  async getWindow(model: string, windowStartMs: number): Promise<WindowState | null> {
    const item = await this.get(model, `W#${windowStartMs}`);
    if (!item) return null;
    return {
      model,
      windowStartMs,
      evaluatedAtMs: numAttr(item.evaluatedAtMs),
      evaluatedRows: numAttr(item.evaluatedRows) ?? 0,
      lateRowsPublished: numAttr(item.lateRowsPublished) ?? 0,
      performancePublishedAtMs: numAttr(item.performancePublishedAtMs),
      version: numAttr(item.version) ?? 0,
    };
  }

  putWindow(s: WindowState, expectedVersion: number | null): Promise<boolean> {
    return this.put(s.model, `W#${s.windowStartMs}`, expectedVersion, {
      evaluatedAtMs: num(s.evaluatedAtMs),
      evaluatedRows: num(s.evaluatedRows),
      lateRowsPublished: num(s.lateRowsPublished),
      performancePublishedAtMs: num(s.performancePublishedAtMs),
      version: num(s.version),
    });
  }

  async getAlert(model: string, rule: string): Promise<AlertState | null> {
    const item = await this.get(model, `A#${rule}`);
    if (!item) return null;
    return {
      model,
      rule,
      firing: item.firing?.BOOL ?? false,
      lastNotifiedMs: numAttr(item.lastNotifiedMs),
      sinceMs: numAttr(item.sinceMs),
      clearStreak: numAttr(item.clearStreak) ?? 0,
      fireStreak: numAttr(item.fireStreak) ?? 0,
      version: numAttr(item.version) ?? 0,
    };
  }

  putAlert(s: AlertState, expectedVersion: number | null): Promise<boolean> {
    return this.put(s.model, `A#${s.rule}`, expectedVersion, {
      firing: { BOOL: s.firing },
      lastNotifiedMs: num(s.lastNotifiedMs),
      sinceMs: num(s.sinceMs),
      clearStreak: num(s.clearStreak ?? 0),
      fireStreak: num(s.fireStreak ?? 0),
      version: num(s.version),
    });
  }

  private async get(model: string, sk: string): Promise<Item | null> {
    const res = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: { pk: { S: `S#${modelPart(model)}` }, sk: { S: sk } }, ConsistentRead: true }),
    );
    return res.Item ?? null;
  }

  private async put(model: string, sk: string, expectedVersion: number | null, attrs: Item): Promise<boolean> {
    const locked = expectedVersion !== null;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { pk: { S: `S#${modelPart(model)}` }, sk: { S: sk }, ...attrs },
          ConditionExpression: locked ? "#v = :v" : "attribute_not_exists(pk)",
          ExpressionAttributeNames: locked ? { "#v": "version" } : undefined,
          ExpressionAttributeValues: locked ? { ":v": { N: String(expectedVersion) } } : undefined,
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }
}

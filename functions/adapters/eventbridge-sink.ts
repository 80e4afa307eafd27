import { PutEventsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { EventSink } from "../../shared/ports.ts";
import { EventPublishError } from "./errors.ts";

/**
 * Puts events on an EventBridge bus (the retraining trigger, DESIGN §2). PutEvents answers 200
 * even when it rejects an entry, so a non-zero FailedEntryCount becomes an EventPublishError
 * carrying the entry's error code and message.
 *
 * @example
 * const events = new EventBridgeSink(new EventBridgeClient({}), "default");
 * await events.put(RETRAIN_EVENT.source, RETRAIN_EVENT.detailType, { model: "m", driftedShare: 0.6 });
 */
export class EventBridgeSink implements EventSink {
  constructor(
    private readonly client: EventBridgeClient,
    readonly busName: string,
  ) {}

  async put(source: string, detailType: string, detail: Record<string, unknown>): Promise<void> {
    const res = await this.client.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: this.busName, Source: source, DetailType: detailType, Detail: JSON.stringify(detail) }],
      }),
    );
    if ((res.FailedEntryCount ?? 0) > 0) {
      const entry = res.Entries?.find((e) => e.ErrorCode) ?? {};
      throw new EventPublishError(this.busName, source, detailType, entry.ErrorCode ?? "Unknown", entry.ErrorMessage ?? "");
    }
  }
}

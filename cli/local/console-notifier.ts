import type { AlertMessage, EventSink, Notifier } from "../../shared/ports.ts";

/** A webhook that has not answered by then is reported as down. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** A line safe to print: no control characters or line breaks. */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();

/** The webhook's origin only: the path of a Slack-style webhook URL is its secret. */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the webhook";
  }
}

/**
 * Alerts on the console (DESIGN §8): one line per alert, `alert <severity> <subject>`, and, when
 * a webhook URL is configured, a POST of the JSON body (the message's `body` with its `subject`
 * and `text`) to it. A webhook that fails, answers non-2xx or times out is reported through
 * `print`, never thrown: a local run must not die because a webhook is down. Printed lines name
 * the webhook by origin only, since its path is usually a secret.
 *
 * @example
 * const notifier = new ConsoleNotifier(console.log, "http://127.0.0.1:8080/hook");
 * await notifier.publish(message); // prints "alert P2 [P2] bank: accuracy_drop 0.71 vs 0.85 (window 2008-09-01)"
 */
export class ConsoleNotifier implements Notifier {
  constructor(
    private readonly print: (line: string) => void,
    private readonly webhookUrl?: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async publish(message: AlertMessage): Promise<void> {
    this.print(`alert ${oneLine(message.attributes.severity)} ${oneLine(message.subject)}`);
    // The webhook stands in for Slack: a model that routes this severity away from Slack skips it.
    if (!this.webhookUrl || (message.attributes.channels && !message.attributes.channels.includes("slack"))) return;
    const body = JSON.stringify({ ...message.body, subject: message.subject, text: message.text });
    try {
      const res = await this.fetchImpl(this.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await res.body?.cancel(); // the answer's content is not needed
      if (!res.ok) this.print(`webhook ${origin(this.webhookUrl)} answered ${res.status}; alert not delivered there`);
    } catch (e) {
      const reason = oneLine((e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : String((e as Error).message ?? e));
      this.print(`webhook ${origin(this.webhookUrl)} failed (${reason}); alert not delivered there`);
    }
  }
}

/** One event as the sink received it. */
export interface LocalEvent {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
}

/**
 * The local EventSink: keeps every event in `events` and prints one line per event (the
 * retraining trigger that EventBridge carries in AWS).
 *
 * @example
 * const events = new MemoryEventSink(console.log);
 * await events.put("vigil", "Retraining Recommended", { model: "bank" }); // prints `event vigil Retraining Recommended {"model":"bank"}`
 * events.events.length; // 1
 */
export class MemoryEventSink implements EventSink {
  readonly events: LocalEvent[] = [];

  constructor(private readonly print: (line: string) => void = () => {}) {}

  async put(source: string, detailType: string, detail: Record<string, unknown>): Promise<void> {
    this.events.push({ source, detailType, detail });
    this.print(`event ${oneLine(source)} ${oneLine(detailType)} ${JSON.stringify(detail)}`);
  }
}

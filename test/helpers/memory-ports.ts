import type { AlertMessage, AlertState, Notifier, StateStore, WindowState } from "../../shared/ports.ts";

/**
 * A StateStore in memory with the same optimistic-locking contract as the DynamoDB and SQLite
 * ones, for unit tests of the alerting logic (the real stores have their own tests).
 */
export class MemoryStateStore implements StateStore {
  readonly windows = new Map<string, WindowState>();
  readonly alerts = new Map<string, AlertState>();

  async getWindow(model: string, w: number) {
    return this.windows.get(`${model}#${w}`) ?? null;
  }
  async putWindow(s: WindowState, expected: number | null) {
    return put(this.windows, `${s.model}#${s.windowStartMs}`, s, expected);
  }
  async getAlert(model: string, rule: string) {
    return this.alerts.get(`${model}#${rule}`) ?? null;
  }
  async putAlert(s: AlertState, expected: number | null) {
    return put(this.alerts, `${s.model}#${s.rule}`, s, expected);
  }
}

function put<T extends { version: number }>(m: Map<string, T>, key: string, value: T, expected: number | null): boolean {
  const cur = m.get(key);
  if (expected === null ? cur !== undefined : cur?.version !== expected) return false;
  m.set(key, structuredClone(value));
  return true;
}

/** Keeps what was published. */
export class CapturingNotifier implements Notifier {
  readonly messages: AlertMessage[] = [];
  async publish(m: AlertMessage) {
    this.messages.push(m);
  }
}

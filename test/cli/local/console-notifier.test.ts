import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleNotifier, MemoryEventSink } from "../../../cli/local/console-notifier.ts";
import type { AlertMessage } from "../../../shared/ports.ts";

const message: AlertMessage = {
  subject: "[P2] bank: accuracy_drop 0.71 vs 0.85 (window 2008-09-01)",
  text: "P2 — bank, window starting 2008-09-01\n• accuracy 0.71 < 0.85",
  body: { model: "bank", rule: "accuracy_drop", severity: "P2", state: "fire" },
  attributes: { severity: "P2", model: "bank", rule: "accuracy_drop" },
};

let server: Server | undefined;
afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

/** A webhook on a free loopback port that answers `status` and records what it receives. */
async function webhook(status: number): Promise<{ url: string; received: { method: string; type: string; body: unknown }[] }> {
  const received: { method: string; type: string; body: unknown }[] = [];
  server = createServer(async (req: IncomingMessage, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    received.push({ method: req.method!, type: req.headers["content-type"] ?? "", body: JSON.parse(text) });
    res.writeHead(status).end("ok");
  });
  await new Promise<void>((listening) => server!.listen(0, "127.0.0.1", listening));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret`, received };
}

describe("ConsoleNotifier", () => {
  it("prints one line per alert with severity and subject", async () => {
    const lines: string[] = [];
    await new ConsoleNotifier((l) => lines.push(l)).publish({ ...message, subject: "[P2] bank:\nsplit" });
    expect(lines).toEqual(["alert P2 [P2] bank: split"]);
  });

  it("POSTs the body with subject and text to the webhook", async () => {
    const hook = await webhook(200);
    const lines: string[] = [];
    await new ConsoleNotifier((l) => lines.push(l), hook.url).publish(message);
    expect(hook.received).toEqual([{ method: "POST", type: "application/json", body: { ...message.body, subject: message.subject, text: message.text } }]);
    expect(lines).toEqual([`alert P2 ${message.subject}`]);
  });

  it("reports a webhook's error status without throwing, and without its secret path", async () => {
    const hook = await webhook(500);
    const lines: string[] = [];
    await expect(new ConsoleNotifier((l) => lines.push(l), hook.url).publish(message)).resolves.toBeUndefined();
    expect(lines[1]).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+ answered 500; alert not delivered there$/);
    expect(lines.join("\n")).not.toContain("secret");
  });

  it("reports a dead webhook without throwing", async () => {
    const hook = await webhook(200);
    await new Promise((done) => server!.close(done));
    server = undefined;
    const lines: string[] = [];
    await expect(new ConsoleNotifier((l) => lines.push(l), hook.url).publish(message)).resolves.toBeUndefined();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+ failed \(.*ECONNREFUSED.*\); alert not delivered there$/);
  });

  it("uses the fetch it is given", async () => {
    const calls: string[] = [];
    const fake = (async (url: string) => (calls.push(url), new Response(null, { status: 204 }))) as unknown as typeof fetch;
    await new ConsoleNotifier(() => {}, "https://hooks.example/x", fake).publish(message);
    expect(calls).toEqual(["https://hooks.example/x"]);
  });
});

describe("MemoryEventSink", () => {
  it("keeps and prints each event", async () => {
    const lines: string[] = [];
    const events = new MemoryEventSink((l) => lines.push(l));
    await events.put("vigil", "Retraining Recommended", { model: "bank", driftedShare: 0.6 });
    expect(events.events).toEqual([{ source: "vigil", detailType: "Retraining Recommended", detail: { model: "bank", driftedShare: 0.6 } }]);
    expect(lines).toEqual(['event vigil Retraining Recommended {"model":"bank","driftedShare":0.6}']);
  });
});

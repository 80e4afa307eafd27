import type { AlertMessage } from "../ports.ts";

/** Slack attachment colours per severity (P1 red … P4 grey); resolved alerts are green. */
export const SEVERITY_COLOURS: Record<string, string> = { P1: "#d62728", P2: "#ff7f0e", P3: "#f2c744", P4: "#9e9e9e", RESOLVED: "#2ca02c" };

/**
 * Escapes text for Slack mrkdwn: `&`, `<`, `>` as entities (so nothing becomes a link or a
 * mention), and a zero-width space after `@` so `@channel`, `@here` and `@everyone` from logs
 * never ping anyone.
 *
 * @example
 * slackEscape("<img src=x> @channel"); // "&lt;img src=x&gt; @\u200bchannel"
 */
export function slackEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "@\u200b");
}

/**
 * A Slack Block Kit payload for a Vigil alert: a coloured attachment with the subject as header
 * and the readable text as a section, every piece escaped.
 */
export function slackPayloadForAlert(m: AlertMessage): Record<string, unknown> {
  const resolved = String((m.body as { state?: string }).state) === "resolve";
  const colour = resolved ? SEVERITY_COLOURS.RESOLVED : (SEVERITY_COLOURS[m.attributes.severity] ?? SEVERITY_COLOURS.P4);
  return {
    text: slackEscape(m.subject),
    attachments: [
      {
        color: colour,
        blocks: [
          { type: "header", text: { type: "plain_text", text: m.subject.slice(0, 150), emoji: false } },
          { type: "section", text: { type: "mrkdwn", text: slackEscape(m.text).slice(0, 2900) } },
        ],
      },
    ],
  };
}

/** The fields of a CloudWatch alarm notification this formatter reads. */
export interface AlarmNotification {
  AlarmName: string;
  NewStateValue: string;
  NewStateReason: string;
  StateChangeTime?: string;
  AlarmDescription?: string | null;
}

/** A Slack payload for a CloudWatch alarm state change delivered through SNS. */
export function slackPayloadForAlarm(a: AlarmNotification): Record<string, unknown> {
  const ok = a.NewStateValue === "OK";
  const title = `${ok ? "RESOLVED" : "ALARM"}: ${a.AlarmName}`;
  return {
    text: slackEscape(title),
    attachments: [
      {
        color: ok ? SEVERITY_COLOURS.RESOLVED : SEVERITY_COLOURS.P2,
        blocks: [
          { type: "header", text: { type: "plain_text", text: title.slice(0, 150), emoji: false } },
          { type: "section", text: { type: "mrkdwn", text: slackEscape([a.AlarmDescription ?? "", a.NewStateReason, a.StateChangeTime ?? ""].filter(Boolean).join("\n")).slice(0, 2900) } },
        ],
      },
    ],
  };
}

import { slackPayloadForAlarm, slackPayloadForAlert, type AlarmNotification } from "../shared/alerting/slack.ts";
import type { AlertMessage } from "../shared/ports.ts";
import { readSecretString } from "./adapters/secrets.ts";
import { lambdaEnv } from "./env.ts";
import { logger } from "./log.ts";
import { secrets } from "./runtime.ts";

/** The SNS event shape this handler reads. */
export interface SnsEvent {
  Records: Array<{ Sns: { Message: string; Subject?: string | null; MessageAttributes?: Record<string, { Value: string }> } }>;
}

/**
 * SNS → Slack: Vigil alerts (the JSON body of MessageStructure=json) and CloudWatch alarm
 * notifications alike, as Block Kit messages with a severity colour. The webhook URL is read from
 * Secrets Manager at run time, never from the environment, and never logged.
 */
export const handler = async (event: SnsEvent): Promise<void> => {
  const url = await readSecretString(secrets(), lambdaEnv.slackSecretArn());
  for (const record of event.Records) {
    const payload = slackPayload(record.Sns.Message, record.Sns.Subject ?? "");
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
    if (!res.ok) throw new Error(`Slack webhook answered ${res.status}`);
    logger.info("slack message sent", { subject: record.Sns.Subject ?? null });
  }
};

/** The Slack payload for one SNS message: an alarm, a Vigil alert body, or plain text. */
export function slackPayload(message: string, subject: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    parsed = null;
  }
  const p = parsed as Partial<AlarmNotification & { model: string; severity: string; rule: string; text: string; subject: string }> | null;
  if (p && typeof p.AlarmName === "string" && typeof p.NewStateValue === "string") return slackPayloadForAlarm(p as AlarmNotification);
  if (p && typeof p.model === "string" && typeof p.severity === "string") {
    const m: AlertMessage = {
      subject: p.subject ?? subject,
      text: p.text ?? subject,
      body: p as Record<string, unknown>,
      attributes: { severity: p.severity, model: p.model, rule: String(p.rule ?? "") },
    };
    return slackPayloadForAlert(m);
  }
  return slackPayloadForAlert({ subject, text: message, body: {}, attributes: { severity: "P4", model: "", rule: "" } });
}

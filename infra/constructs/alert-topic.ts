import { CfnSubscription, Subscription, SubscriptionProtocol, Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import type { Severity } from "../../shared/drift/methods.ts";
import { ALERT_ATTRIBUTE, DEFAULT_ROUTING } from "../../shared/names.ts";
import type { VigilFunction } from "./vigil-function.ts";

/** The email subscription's filter: a model's own routing, else the severities given, and alarm notifications. */
export function emailFilterPolicy(severities: readonly string[]): Record<string, unknown> {
  return {
    $or: [
      { [ALERT_ATTRIBUTE.channels]: ["email"] },
      { [ALERT_ATTRIBUTE.channels]: [{ exists: false }], [ALERT_ATTRIBUTE.severity]: [...severities] },
      { [ALERT_ATTRIBUTE.severity]: [{ exists: false }] },
    ],
  };
}

/** The Slack notifier's filter: everything except what a model routes away from Slack. */
export function slackFilterPolicy(): Record<string, unknown> {
  return { $or: [{ [ALERT_ATTRIBUTE.channels]: ["slack"] }, { [ALERT_ATTRIBUTE.channels]: [{ exists: false }] }] };
}

export interface AlertTopicProps {
  /** An address to email alerts to. @default no email subscription */
  readonly alertEmail?: string;
  /** Severities emailed. CloudWatch alarm notifications carry no severity and are always emailed. @default ["P1", "P2"] */
  readonly emailSeverities?: readonly Severity[];
}

/**
 * The alert topic (DESIGN §6): KMS-encrypted with a rotated customer key that CloudWatch alarms may
 * use, TLS required; an email subscription filtered on the `severity` message attribute.
 */
export class AlertTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlertTopicProps = {}) {
    super(scope, id);
    this.key = new Key(this, "Key", {
      enableKeyRotation: true,
      description: "Encrypts Vigil alerts on SNS; CloudWatch alarms publish with it",
    });
    // CloudWatch alarm actions cannot publish to a topic under the AWS-managed SNS key.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: "AllowCloudWatchAlarms",
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
      }),
    );
    this.topic = new Topic(this, "Topic", { displayName: "Vigil alerts", masterKey: this.key, enforceSSL: true });
    if (props.alertEmail) {
      const email = new Subscription(this, "Email", { topic: this.topic, protocol: SubscriptionProtocol.EMAIL, endpoint: props.alertEmail });
      // A model that routes its own alerts lists the channels (`channels` contains "email"); the
      // others are emailed by severity. CloudWatch alarm notifications carry no attributes at all,
      // so "severity absent" lets them through while P3/P4 alerts stay off email.
      (email.node.defaultChild as CfnSubscription).filterPolicy = emailFilterPolicy(props.emailSeverities ?? DEFAULT_ROUTING.email);
    }
  }

  /** Subscribes the Slack notifier Lambda: every message except those a model routes away from Slack. */
  subscribe(notifier: VigilFunction): void {
    const subscription = this.topic.addSubscription(new LambdaSubscription(notifier.function));
    (subscription.node.defaultChild as CfnSubscription).filterPolicy = slackFilterPolicy();
  }
}

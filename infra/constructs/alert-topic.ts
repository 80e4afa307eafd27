import { CfnSubscription, Subscription, SubscriptionProtocol, Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import type { Severity } from "../../shared/drift/methods.ts";
import { ALERT_ATTRIBUTE } from "../../shared/names.ts";
import type { VigilFunction } from "./vigil-function.ts";

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
      // Vigil's alerts carry `severity`; CloudWatch alarm notifications carry no attributes at all,
      // so "severity absent" lets them through while P3/P4 alerts stay off email.
      (email.node.defaultChild as CfnSubscription).filterPolicy = {
        $or: [
          { [ALERT_ATTRIBUTE.severity]: [...(props.emailSeverities ?? ["P1", "P2"])] },
          { [ALERT_ATTRIBUTE.severity]: [{ exists: false }] },
        ],
      };
    }
  }

  /** Subscribes a notifier Lambda to every message (no filter). */
  subscribe(notifier: VigilFunction): void {
    this.topic.addSubscription(new LambdaSubscription(notifier.function));
  }
}

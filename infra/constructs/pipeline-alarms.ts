import { Duration, Stack } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { VigilFunction } from "./vigil-function.ts";

export interface PipelineAlarmsProps {
  readonly topic: ITopic;
  /** Dead-letter queues by short name (`predictions`, `labels`, `reference`). */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /** Functions invoked without a queue (the scheduled evaluator), whose errors would go unseen. */
  readonly unqueued: Readonly<Record<string, VigilFunction>>;
}

/**
 * Alarms on the pipeline itself: any message in a dead-letter queue (an object that failed
 * five times), and errors of the scheduled evaluator. Both notify the alert topic.
 */
export class PipelineAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this).stackName;
    const action = new SnsAction(props.topic);
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarms.push(
        new Alarm(this, `${name}DeadLetters`, {
          alarmName: `${stack}-${name}-dead-letters`,
          alarmDescription: `Objects under ${name}/ failed repeatedly and wait in the dead-letter queue; see the function's logs, fix, then redrive.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const [name, fn] of Object.entries(props.unqueued)) {
      this.alarms.push(
        new Alarm(this, `${name}Errors`, {
          alarmName: `${stack}-${name}-errors`,
          alarmDescription: `The ${name} function failed; windows are not being evaluated. See its logs.`,
          metric: fn.function.metricErrors({ period: Duration.minutes(15), statistic: Stats.SUM }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}

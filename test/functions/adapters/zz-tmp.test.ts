import { it } from "vitest";
import { DynamoJoinStore } from "../../../functions/adapters/dynamo-join-store.ts";
import { awsClients, createVigilTable, startMoto } from "../../helpers/moto.ts";
it("t", async () => {
  const moto = await startMoto();
  const { dynamodb } = awsClients(moto.endpoint);
  await createVigilTable(dynamodb, "t");
  const joins = new DynamoJoinStore(dynamodb, "t");
  const ids = Array.from({ length: 500 }, (_, i) => `id-${i}`);
  let t = Date.now();
  const lap = (s: string) => { console.log(s, Date.now() - t); t = Date.now(); };
  await joins.putLabels("m", ids.filter((_, i) => i % 2 === 0).map((id) => ({ id, label: 1, timestampMs: 5 })), 14); lap("labels-first 250");
  await joins.putPredictions("m", ids.map((id) => ({ id, windowStartMs: 0, timestampMs: 1, prediction: 1, score: 0.5, version: null, segments: {} })), 14); lap("preds 500");
  await joins.putLabels("m", ids.map((id) => ({ id, label: 0, timestampMs: 5 })), 14); lap("labels 500");
  let n = 0; for await (const _ of joins.windowPredictions("m", 0)) n++; lap("query " + n);
  await moto.stop();
}, 300_000);

import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { it } from "vitest";
import { mapLimit } from "/work/main/functions/adapters/concurrency.ts";
import { awsClients, startMoto } from "/work/main/test/helpers/moto.ts";
it("t", async () => {
  const moto = await startMoto();
  const { s3, dynamodb } = awsClients(moto.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: "bbbb" }));
  for (const c of [1, 4, 16]) {
    const t = Date.now();
    await mapLimit(Array.from({ length: 200 }, (_, i) => i), c, (i) => s3.send(new PutObjectCommand({ Bucket: "bbbb", Key: `c${c}/${i}`, Body: "x" })));
    console.log("conc", c, (Date.now() - t) / 200, "ms/put");
  }
  const t = Date.now();
  for (let i = 0; i < 100; i++) await fetch(moto.endpoint + "/moto-api/");
  console.log("moto-api", (Date.now() - t) / 100);
  await moto.stop();
});

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { MAX_CLOCK_SKEW_MS } from "../../shared/readers/options.ts";
import { MAX_FEATURES } from "../../shared/profile/constants.ts";
import { serialiseReference } from "../../shared/reference/parse.ts";
import { UsageError } from "../errors.ts";
import { loadConfig, loadReference } from "../load.ts";

/** Parsed `vigil profile` arguments. */
export interface ProfileArgs {
  data: string[];
  model?: string;
  config?: string;
  target?: string;
  out?: string;
}

/**
 * Builds a reference profile from training or validation data and writes it.
 *
 * @throws UsageError, InputError, ConfigError, ReaderError naming what is wrong.
 */
export async function profileCommand(args: ProfileArgs, out: (s: string) => void, nowMs = Date.now()): Promise<number> {
  if (args.data.length === 0) throw new UsageError("profile needs data files: vigil profile <data…> --model <name> --out <file>");
  if (!args.out) throw new UsageError("profile needs --out <file>");
  if (!args.model && !args.config) throw new UsageError("profile needs --model <name> (or --config <file>)");
  if (args.out.startsWith("s3://")) throw new UsageError("--out s3://… needs the AWS adapters (see README, 'Deploy'); write a file and upload it with `aws s3 cp`");
  let config = await loadConfig(args.config, args.model);
  if (args.target) config = { ...config, fields: { ...config.fields, label: args.target } };
  const { reference, read } = await loadReference(args.data, config, args.target ? [args.target] : [], nowMs + MAX_CLOCK_SKEW_MS);
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, serialiseReference(reference));
  const features = Object.keys(reference.schema);
  out(
    `wrote ${args.out}: model ${reference.model}, ${reference.profile.rows} rows (${read?.malformed ?? 0} malformed), ` +
      `${features.length} features (${features.filter((f) => reference.schema[f].type === "numerical").length} numerical), ` +
      `${reference.chunks.length} chunks${reference.profile.performance ? ", baseline performance from labels" : ""}` +
      (reference.profile.droppedFeatures > 0 ? `; ${reference.profile.droppedFeatures} more features not profiled (at most ${MAX_FEATURES})` : ""),
  );
  return 0;
}

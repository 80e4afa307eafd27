import { parseArgs } from "node:util";
import { ConfigError } from "../shared/config/errors.ts";
import { ProfileError } from "../shared/profile/errors.ts";
import { ReaderError } from "../shared/readers/errors.ts";
import { ReferenceFormatError } from "../shared/reference/parse.ts";
import { InputError, UsageError, WorkerInputError } from "./errors.ts";
import { startWorkersFor } from "./worker-pool.ts";
import { MissingEnvError } from "../functions/env.ts";

/** Printed for `vigil`, `vigil help` and usage errors. */
export const USAGE = `vigil — monitoring for machine-learning models

  vigil profile <data…> --model <name> [--config <file>] [--target <col>] --out <file>
  vigil check --reference <profile.json|data…> --current <logs…> [--config <file>] [--method <m>] [--json] [--html <file>]
  vigil local [--bucket <dir>] [--watch] [--demo] [--webhook <url>]   the whole pipeline on the embedded backend
  vigil redrive --dlq <url> --queue <url> [--max N]   move dead letters back to their queue
  vigil invoke <ingest|labels|evaluate|notify|reference> --event <file.json>
  vigil demo        compare the bank-marketing demo data (May–June 2008 reference, August 2008 current)

Exit codes of check: 0 no alert, 1 at least one alert fired, 2 usage or input error.`;

const OPTIONS = {
  reference: { type: "string", multiple: true },
  current: { type: "string", multiple: true },
  config: { type: "string" },
  model: { type: "string" },
  method: { type: "string" },
  json: { type: "boolean", default: false },
  html: { type: "string" },
  target: { type: "string" },
  out: { type: "string" },
  event: { type: "string" },
  bucket: { type: "string" },
  watch: { type: "boolean", default: false },
  demo: { type: "boolean", default: false },
  webhook: { type: "string" },
  dlq: { type: "string" },
  queue: { type: "string" },
  max: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** Where the command prints. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const STDIO: Io = {
  out: (s) => void process.stdout.write(`${s}\n`),
  err: (s) => void process.stderr.write(`${s}\n`),
};

/** Error classes whose message already names the file and the problem: shown as is, exit 2. */
const EXPECTED = [UsageError, InputError, ConfigError, ReaderError, ProfileError, ReferenceFormatError, WorkerInputError, MissingEnvError];

/**
 * Runs the `vigil` command; returns the exit code. Expected problems print one line naming the
 * file and the problem; nothing prints a stack trace for bad input.
 */
export async function main(argv: string[], io: Io = STDIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "help" || command === "--help" || command === "-h") {
      io.out(USAGE);
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError((e as Error).message.split("\n")[0]);
    }
    const { values: v, positionals } = parsed;
    if (v.help) {
      io.out(USAGE);
      return 0;
    }
    // Commands are loaded when run: `check` need not load the AWS SDK, SQLite or the demo.
    switch (command) {
      case "profile": {
        const { profileCommand } = await import("./commands/profile.ts");
        return await profileCommand({ data: positionals, model: v.model, config: v.config, target: v.target, out: v.out }, io.out);
      }
      case "check": {
        // `--current a.jsonl b.jsonl` (a shell glob) leaves b.jsonl as a positional: it is current data too.
        const current = [...(v.current ?? []), ...positionals];
        // Profiling workers boot (~0.2 s each) while the command's modules and the reference load.
        startWorkersFor(current);
        const { checkCommand } = await import("./commands/check.ts");
        return await checkCommand({ reference: v.reference ?? [], current, config: v.config, model: v.model, method: v.method, json: v.json, html: v.html }, io.out, Date.now());
      }
      case "local": {
        const { localCommand } = await import("./commands/local.ts");
        return await localCommand({ bucket: v.bucket ?? (v.demo ? ".vigil/demo-bucket" : "."), watch: v.watch, demo: v.demo, webhook: v.webhook, out: io.out, err: io.err });
      }
      case "redrive": {
        const { redriveCommand } = await import("./commands/redrive.ts");
        return await redriveCommand(v.dlq, v.queue, v.max, io.out);
      }
      case "invoke": {
        const { invokeCommand } = await import("./commands/invoke.ts");
        return await invokeCommand(positionals[0], v.event, io.out);
      }
      case "demo": {
        const { demoCommand } = await import("./commands/demo.ts");
        return await demoCommand(io.out, v.json);
      }
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (EXPECTED.some((cls) => e instanceof cls)) {
      io.err(`vigil: ${(e as Error).message}`);
      if (e instanceof UsageError) io.err(USAGE);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`vigil: unexpected error: ${message} (please report it with the command you ran)`);
    return 2;
  }
}

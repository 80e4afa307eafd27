#!/usr/bin/env node
// The `vigil` command: runs cli/main.ts from its prebuilt bundle (bin/cli-bundle.mjs), or through
// the tsx TypeScript loader when the bundle cannot be built.
import { cliBundle } from "./cli-bundle.mjs";

const bundle = await cliBundle();
let main;
if (bundle !== null) {
  process.setSourceMapsEnabled(true);
  ({ main } = await import(bundle));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));

import { readFileSync } from "node:fs";

/**
 * The limit of the ingest path: bare `JSON.parse` of the same JSON Lines, one core, nothing else.
 * The lines are cut from the file first (not timed); only the parse loop is. Prints one JSON line
 * with wall and CPU milliseconds (CPU includes V8's GC helper threads, as it does for ingest).
 *
 *   node bin/run-ts.mjs bench/json-parse.ts bench/out/current-1000000.jsonl [maxLines]
 */
const [path, max] = process.argv.slice(2);
const limit = Number(max ?? Infinity);
// Read as bytes: a 567 MB file is longer than V8's largest string.
const bytes = readFileSync(path);
const lines: string[] = [];
for (let i = 0, j = bytes.indexOf(10); j >= 0 && lines.length < limit; i = j + 1, j = bytes.indexOf(10, i)) lines.push(bytes.toString("utf8", i, j));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let keys = 0;
for (const line of lines) keys += Object.keys(JSON.parse(line)).length;
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ rows: lines.length, keys, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));

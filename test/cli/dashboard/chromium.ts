import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags for a headless, offline, sandbox-free run as root in a container. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/**
 * Installs Debian's Chromium when it is missing (`apt-get update` once, then
 * `apt-get install -y chromium`; the test machines run as root). Returns the executable path.
 * Playwright's own browser download is never used: it would need the internet.
 *
 * @example
 * const executablePath = ensureChromium(); // "/usr/bin/chromium"
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "ignore", env });
  execFileSync("apt-get", ["install", "-y", "chromium"], { stdio: "ignore", env });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`ensureChromium: apt-get installed chromium but ${CHROMIUM_PATH} is missing`);
  return CHROMIUM_PATH;
}

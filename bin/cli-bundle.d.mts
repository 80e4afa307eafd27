/** The bundle's entry (a file: URL of main.mjs), built or rebuilt as needed; null to use tsx. */
export function cliBundle(): Promise<string | null>;

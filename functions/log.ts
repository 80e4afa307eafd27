/**
 * Structured JSON logs, configured once here: a short constant message and the data in fields.
 * Errors are logged with their name and message (and stack for unknown errors).
 *
 * @example
 * logger.info("window evaluated", { model, window, rows });
 */
type Fields = Record<string, unknown>;

function write(level: "INFO" | "WARN" | "ERROR", message: string, fields: Fields): void {
  const line = { level, message, timestamp: new Date().toISOString(), ...fields };
  const text = JSON.stringify(line, (_k, v: unknown) =>
    v instanceof Error ? { name: v.name, message: v.message, ...(level === "ERROR" ? { stack: v.stack } : {}) } : v,
  );
  (level === "ERROR" ? console.error : console.log)(text);
}

export const logger = {
  info: (message: string, fields: Fields = {}) => write("INFO", message, fields),
  warn: (message: string, fields: Fields = {}) => write("WARN", message, fields),
  error: (message: string, fields: Fields = {}) => write("ERROR", message, fields),
};

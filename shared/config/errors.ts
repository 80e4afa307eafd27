/** Base class of configuration problems; `source` names the file (or "config"). */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = "ConfigError";
  }
}

/** A field of a monitor config is missing, unknown or of the wrong form. */
export class ConfigFieldError extends ConfigError {
  constructor(
    source: string,
    readonly field: string,
    readonly expected: string,
  ) {
    super(source, `${field || "(top level)"}: ${expected}`);
    this.name = "ConfigFieldError";
  }
}

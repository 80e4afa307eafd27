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

/** A config file or object larger than the limit: rejected before it is read. */
export class ConfigTooLargeError extends ConfigError {
  constructor(
    source: string,
    readonly size: number,
    readonly limit: number,
    unit: "bytes" | "characters" = "bytes",
  ) {
    super(source, `${size} ${unit} is larger than the limit of ${limit} for a monitor config`);
    this.name = "ConfigTooLargeError";
  }
}

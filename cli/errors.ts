/** A problem with how the command was called; printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A problem with an input file: the message names the file and what is wrong, exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
    this.name = "InputError";
  }
}

/** An error a profiling worker reported; its message already names the file and the problem. */
export class WorkerInputError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

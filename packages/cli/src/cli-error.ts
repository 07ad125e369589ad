const MARKER = Symbol.for('toolbridge.cli.error');

/** An error the CLI reports as one message and an exit code (2 = usage, 1 = failure). */
export class CliError extends Error {
  readonly [MARKER] = true;
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? 1;
  }

  static isInstance(value: unknown): value is CliError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

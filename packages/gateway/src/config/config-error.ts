const MARKER = Symbol.for('toolbridge.gateway.config-error');

/** A configuration problem found at start; the message says what to fix. */
export class ConfigError extends Error {
  readonly [MARKER] = true;
  readonly code = 'invalid_config';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }

  static isInstance(value: unknown): value is ConfigError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}

import { type DestinationStream, type Logger, pino } from 'pino';
import type { Redact } from './redact-secrets.js';

/**
 * The gateway's logger: JSON lines on stdout, written asynchronously in 8 KiB batches so a request
 * never waits on the terminal. Nothing logged carries bodies or headers — access lines are built from
 * chosen fields only — and `redact` masks the configured credentials in every finished line, as a last
 * guard for text that came from an upstream or an error (one `includes` per secret, SECURITY.md).
 */
export function createLogger(options: {
  level: string;
  destination?: DestinationStream;
  redact?: Redact;
}): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: false, minLength: 8_192 });
  const { redact } = options;
  return pino(
    {
      level: options.level,
      base: null,
      ...(redact === undefined ? {} : { hooks: { streamWrite: redact } }),
    },
    destination,
  );
}

export type { Logger };

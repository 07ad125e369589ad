import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * The gateway's logger: JSON lines on stdout, written asynchronously in 8 KiB batches so a request
 * never waits on the terminal. Nothing logged carries bodies, headers or keys — access lines are built
 * from chosen fields only — so no redaction pass runs on the hot path.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: false, minLength: 8_192 });
  return pino(
    {
      level: options.level,
      base: null,
    },
    destination,
  );
}

export type { Logger };

import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * The gateway's logger: JSON lines on stdout, written asynchronously so a request never waits on the
 * terminal. Request bodies and keys are never logged; `redact` guards the header paths anyway.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 });
  return pino(
    {
      level: options.level,
      base: null,
      redact: { paths: ['headers.authorization', 'headers["x-api-key"]', 'apiKey'], remove: true },
    },
    destination,
  );
}

export type { Logger };

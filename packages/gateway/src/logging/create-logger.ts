import { type DestinationStream, type Logger, pino } from 'pino';
import { formatPrettyLine } from './format-pretty-line.js';
import { LogDestination } from './log-destination.js';
import type { Redact } from './redact-secrets.js';

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  level: string;
  /** `json` (default): one JSON object per line; `pretty`: short lines for a terminal. */
  format?: 'json' | 'pretty';
  /** Where lines go; default stdout through a {@link LogDestination}. */
  destination?: DestinationStream;
  /** Masks the configured credentials in every finished line (SECURITY.md). */
  redact?: Redact;
}

/** Whether pretty lines on stdout get colours: a terminal, and NO_COLOR unset. */
function stdoutWantsColor(): boolean {
  return (
    process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined && process.env['TERM'] !== 'dumb'
  );
}

/**
 * The gateway's logger: JSON lines (or `pretty` ones) on stdout, written in 8 KiB chunks so a request
 * never waits on the terminal, and within 250 ms when traffic is low (`log-destination.ts`). Nothing
 * logged carries bodies, headers or keys — access lines are built from chosen fields only — and
 * `redact` masks the configured credentials in every finished line, as a last guard for text that
 * came from an upstream or an error (one `includes` per secret).
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const color = options.format === 'pretty' && stdoutWantsColor();
  const destination =
    options.destination ??
    new LogDestination(
      options.format === 'pretty' ? { format: (line) => formatPrettyLine(line, color) } : {},
    );
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

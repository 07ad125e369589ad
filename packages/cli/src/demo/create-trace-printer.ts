import type { Terminal } from '../output/terminal.js';
import { humanTracePrinter } from './human-trace-printer.js';
import { jsonTracePrinter } from './json-trace-printer.js';
import type { TracePrinter } from './trace-printer.js';

/** Picks the printer for the flags. */
export function createTracePrinter(
  out: Terminal,
  options: { json: boolean; verbose: boolean },
): TracePrinter {
  return options.json ? jsonTracePrinter(out, options.verbose) : humanTracePrinter(out, options.verbose);
}

import { coreDefaults } from '../defaults.js';

/** Bounds applied to hostile streams; defaults live in `coreDefaults.streamLimits`. */
export interface StreamLimits {
  /** Bytes (UTF-8) of one tool call's arguments. */
  maxArgumentBytes: number;
  /** JSON nesting depth of one call's arguments (`{}` is 1). */
  maxArgumentDepth: number;
  /** Tool calls in one response. */
  maxToolCalls: number;
  /** Bytes (UTF-8) of text and refusal content in one response. */
  maxTextBytes: number;
}

/** Fills the limits a caller did not set with the package defaults. */
export function resolveStreamLimits(limits: Partial<StreamLimits> = {}): StreamLimits {
  // Written out rather than spread over the defaults (docs/adr/0014-memory-under-load.md); a limit given as
  // undefined falls back to its default.
  const defaults = coreDefaults.streamLimits;
  return {
    maxArgumentBytes: limits.maxArgumentBytes ?? defaults.maxArgumentBytes,
    maxArgumentDepth: limits.maxArgumentDepth ?? defaults.maxArgumentDepth,
    maxToolCalls: limits.maxToolCalls ?? defaults.maxToolCalls,
    maxTextBytes: limits.maxTextBytes ?? defaults.maxTextBytes,
  };
}

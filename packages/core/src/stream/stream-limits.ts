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
  return { ...coreDefaults.streamLimits, ...limits };
}

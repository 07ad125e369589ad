import type { CanonicalRequest } from '@toolbridge/core';
import type { ParallelCallsMode } from './call-policy.js';
import type { ToolPolicy } from './tool-policy.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

/** What enforcing one turn's answer needs, JSON or streamed. */
export interface EnforceOptions {
  target: UpstreamTarget;
  /** The request as sent upstream (re-asks extend it). */
  request: CanonicalRequest;
  policy: ToolPolicy;
  /** Re-asks allowed per repair and per missing required call. */
  retries: number;
  parallelToolCalls: ParallelCallsMode;
  context: TurnContext;
  /** Receives a short note for every change made (for `x-toolbridge-adjusted`). */
  adjustments: string[];
}

import { type CanonicalRequest, compileArgumentValidator, withFields } from '@toolbridge/core';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { EnforceOptions } from './enforce-options.js';
import { planUpstreamRequest } from './plan-upstream-request.js';
import { refuseUnsupportedPatterns } from './refuse-unsupported-patterns.js';
import { resolveToolStrictness } from './resolve-tool-strictness.js';
import { buildToolPolicy, type ToolPolicy } from './tool-policy.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

/** A turn ready to send: the upstream request, the policy to enforce, and what was adjusted on the way. */
export interface PreparedTurn {
  upstream: CanonicalRequest;
  policy: ToolPolicy;
  adjustments: string[];
  /** Each tool's resolved `strict`, in request order (Responses echoes it). */
  echoedStrict: boolean[];
}

/**
 * Resolves strictness, refuses strict patterns that cannot be checked (400), builds the policy and plans
 * the upstream request for one target.
 */
export function prepareTurn(
  request: CanonicalRequest,
  endpoint: 'chat' | 'responses',
  target: UpstreamTarget,
): PreparedTurn {
  const { upstreamTools, echoedStrict } = resolveToolStrictness(request, endpoint);
  refuseUnsupportedPatterns(upstreamTools, endpoint);
  const resolved: CanonicalRequest = withFields(request, { tools: upstreamTools });
  const policy = buildToolPolicy(resolved, compileArgumentValidator);
  const { upstream, adjustments } = planUpstreamRequest(resolved, target.provider.capabilities);
  return {
    upstream,
    policy,
    adjustments,
    echoedStrict,
  };
}

/** What enforcing a prepared turn's answer needs (both routes, JSON and stream). */
export function enforceOptionsFor(
  target: UpstreamTarget,
  turn: PreparedTurn,
  enforcement: GatewayConfig['enforcement'],
  context: TurnContext,
): EnforceOptions {
  return {
    target,
    request: turn.upstream,
    policy: turn.policy,
    retries: enforcement.repairRetries,
    parallelToolCalls: enforcement.parallelToolCalls,
    context,
    adjustments: turn.adjustments,
  };
}

import { type CanonicalTool, findUnsupportedPattern, isShared } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';

/** Shared tool lists (docs/adr/0011-tool-set-cache.md) already found runnable: checked once per set. */
const runnable = new WeakSet<readonly CanonicalTool[]>();

/**
 * Refuses, before any upstream call, a strict tool whose schema has a `pattern` the linear-time engine
 * cannot run (lookaround, backreferences): its arguments could not be checked, and running the pattern on
 * a backtracking engine would let one request block the gateway (docs/protocol/strict-mode.md#patterns).
 * `tools` are the request's tools with `strict` resolved, in request order. A shared list that passed is
 * not walked again; one that failed is, so it is refused on every request.
 */
export function refuseUnsupportedPatterns(
  tools: readonly CanonicalTool[],
  endpoint: 'chat' | 'responses',
): void {
  if (runnable.has(tools)) return;
  for (const [index, tool] of tools.entries()) {
    if (tool.strict !== true || tool.parameters === undefined) continue;
    const found = findUnsupportedPattern(tool.parameters);
    if (found === undefined) continue;
    const param = endpoint === 'chat' ? `tools[${index}].function.parameters` : `tools[${index}].parameters`;
    throw new GatewayError({
      code: 'invalid_request',
      param,
      openaiCode: 'invalid_function_parameters',
      message:
        `Invalid schema for function '${tool.name}': the pattern ${JSON.stringify(found.pattern)} at ` +
        `${found.pointer} cannot be checked by this gateway (${found.reason}). Patterns of strict tools run ` +
        'on a linear-time engine (RE2); rewrite the pattern without lookaround or backreferences, or send ' +
        'the tool with "strict": false.',
    });
  }
  if (isShared(tools)) runnable.add(tools);
}

import type { CanonicalRequest } from '@toolbridge/core';
import { withFields } from '@toolbridge/core';
import type { ProviderCapabilities } from '../providers/provider-capabilities.js';

/**
 * Shapes the canonical request for one upstream from its capabilities: what it cannot honour is
 * narrowed here and enforced on the answer. Every change is listed for `x-toolbridge-adjusted`.
 */
export function planUpstreamRequest(
  request: CanonicalRequest,
  capabilities: ProviderCapabilities,
): { upstream: CanonicalRequest; adjustments: string[] } {
  const adjustments: string[] = [];
  let { tools, toolChoice } = request;
  if (toolChoice?.type === 'allowed_tools' && !capabilities.nativeAllowedTools) {
    const allowed = new Set(toolChoice.names);
    tools = tools.filter((tool) => allowed.has(tool.name));
    adjustments.push(`allowed_tools emulated: sent ${tools.length} of ${request.tools.length} tools`);
    toolChoice = toolChoice.mode === 'required' ? { type: 'required' } : { type: 'auto' };
  }
  if (!capabilities.nativeToolChoice && toolChoice !== null) {
    if (toolChoice.type === 'none' && tools.length > 0) {
      tools = [];
      toolChoice = null;
      adjustments.push('tool_choice "none" emulated: tools not sent');
    } else if (toolChoice.type === 'function') {
      const forced = toolChoice.name;
      tools = tools.filter((tool) => tool.name === forced);
      adjustments.push(`tool_choice emulated: only '${forced}' sent, call enforced`);
    } else if (toolChoice.type === 'required') {
      adjustments.push('tool_choice "required" enforced by the gateway');
    }
  }
  if (request.parallelToolCalls === false && !capabilities.parallelToolCallsSwitch) {
    adjustments.push('parallel_tool_calls=false enforced by the gateway');
  }
  return { upstream: withFields(request, { tools, toolChoice }), adjustments };
}

import type { CanonicalToolChoice } from '@toolbridge/core';
import type { Tool } from '../tools/tool.js';
import { invalidOptions } from './invalid-options.js';
import type { ToolChoiceOption } from './run-tools-options.js';

/** Options of {@link resolveToolChoice}. */
export interface ResolveToolChoiceOptions {
  toolChoice: ToolChoiceOption | undefined;
  allowedTools: readonly string[] | undefined;
  tools: ReadonlyMap<string, Tool>;
}

/**
 * The canonical `tool_choice` to send, and the forced tool's name when one function is forced. `allowedTools`
 * becomes the `allowed_tools` shape (docs/protocol/tool-choice.md#forms) with mode `required` when
 * `toolChoice` is `required`, else `auto`; it cannot be combined with `none` or a forced function.
 */
export function resolveToolChoice({ toolChoice, allowedTools, tools }: ResolveToolChoiceOptions): {
  toolChoice: CanonicalToolChoice | null;
  forcedToolName: string | null;
} {
  if (typeof toolChoice === 'object') {
    if (!tools.has(toolChoice.name)) {
      throw invalidOptions(`toolChoice forces ${JSON.stringify(toolChoice.name)}, which is not among tools.`);
    }
    if (allowedTools !== undefined)
      throw invalidOptions('Use either allowedTools or a forced toolChoice, not both.');
    return { toolChoice: { type: 'function', name: toolChoice.name }, forcedToolName: toolChoice.name };
  }
  if (allowedTools === undefined) {
    return { toolChoice: toolChoice === undefined ? null : { type: toolChoice }, forcedToolName: null };
  }
  if (toolChoice === 'none') throw invalidOptions("allowedTools cannot be combined with toolChoice 'none'.");
  const mode = toolChoice === 'required' ? 'required' : 'auto';
  return { toolChoice: { type: 'allowed_tools', mode, names: [...allowedTools] }, forcedToolName: null };
}

import type { CanonicalToolChoice } from '../items/canonical.js';
import type { ChatToolChoice } from '../protocol/chat/types.js';
import type { ResponsesToolChoice } from '../protocol/responses/types.js';

/** Chat `tool_choice` (validated) → canonical (docs/protocol/tool-choice.md#forms). */
export function chatToolChoiceToCanonical(choice: ChatToolChoice): CanonicalToolChoice {
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function') return { type: 'function', name: choice.function.name };
  return {
    type: 'allowed_tools',
    mode: choice.allowed_tools.mode,
    names: choice.allowed_tools.tools.map((tool) => tool.function.name),
  };
}

/** Canonical → Chat `tool_choice` in Chat's nested shapes. */
export function canonicalToolChoiceToChat(choice: CanonicalToolChoice): ChatToolChoice {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'function':
      return { type: 'function', function: { name: choice.name } };
    case 'allowed_tools':
      return {
        type: 'allowed_tools',
        allowed_tools: {
          mode: choice.mode,
          tools: choice.names.map((name) => ({ type: 'function' as const, function: { name } })),
        },
      };
  }
}

/** Responses `tool_choice` (validated) → canonical; a missing allowed_tools `mode` means `auto`. */
export function responsesToolChoiceToCanonical(choice: ResponsesToolChoice): CanonicalToolChoice {
  if (typeof choice === 'string') return { type: choice };
  if (choice.type === 'function') return { type: 'function', name: choice.name };
  return { type: 'allowed_tools', mode: choice.mode ?? 'auto', names: choice.tools.map((tool) => tool.name) };
}

/** Canonical → Responses `tool_choice` in the flat shapes. */
export function canonicalToolChoiceToResponses(choice: CanonicalToolChoice): ResponsesToolChoice {
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return choice.type;
    case 'function':
      return { type: 'function', name: choice.name };
    case 'allowed_tools':
      return {
        type: 'allowed_tools',
        mode: choice.mode,
        tools: choice.names.map((name) => ({ type: 'function' as const, name })),
      };
  }
}

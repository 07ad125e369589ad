import { getOwn, isJsonObject } from '../json/get-own.js';
import { checkAllowedToolEntries } from './check-allowed-tool-entries.js';
import { checkToolChoiceShape } from './check-tool-choice-shape.js';
import type { CheckedToolChoice } from './check-tool-references.js';
import { formatMixingHints } from './format-mixing-hints.js';
import { openaiIssues } from './openai-issues.js';

const CHAT_CHOICE_TYPES = ['function', 'allowed_tools', 'custom'] as const;
const MODES = ['auto', 'required'] as const;

/**
 * Chat `tool_choice` (docs/protocol/tool-choice.md): a mode string, `{type:"function", function:{name}}` or
 * `{type:"allowed_tools", allowed_tools:{mode, tools}}`; Responses-shaped objects get a hint.
 */
export function checkChatToolChoice(choice: unknown, maxTools: number): CheckedToolChoice {
  return checkToolChoiceShape(choice, {
    named: checkNamedChoice,
    allowed: (object) => checkAllowedChoice(object, maxTools),
    otherType: (type) =>
      type === 'custom'
        ? openaiIssues.unsupportedValue(['tool_choice', 'type'], type, formatMixingHints.functionToolsOnly)
        : openaiIssues.invalidValue(['tool_choice', 'type'], type, CHAT_CHOICE_TYPES),
  });
}

function checkNamedChoice(choice: Record<string, unknown>): CheckedToolChoice {
  const fn = getOwn(choice, 'function');
  if (fn === undefined) {
    const hint = Object.hasOwn(choice, 'name') ? formatMixingHints.chatNamedToolChoice : undefined;
    return { issues: [openaiIssues.missingRequired(['tool_choice', 'function'], hint)], references: [] };
  }
  if (!isJsonObject(fn)) {
    return {
      issues: [openaiIssues.invalidType(['tool_choice', 'function'], 'an object', fn)],
      references: [],
    };
  }
  const name = getOwn(fn, 'name');
  const namePath = ['tool_choice', 'function', 'name'];
  if (name === undefined) return { issues: [openaiIssues.missingRequired(namePath)], references: [] };
  if (typeof name !== 'string') {
    return { issues: [openaiIssues.invalidType(namePath, 'a string', name)], references: [] };
  }
  return { issues: [], references: [{ kind: 'forced', name, path: namePath }] };
}

function checkAllowedChoice(choice: Record<string, unknown>, maxTools: number): CheckedToolChoice {
  const allowed = getOwn(choice, 'allowed_tools');
  const path = ['tool_choice', 'allowed_tools'];
  if (allowed === undefined) {
    const looksFlat = Object.hasOwn(choice, 'mode') || Object.hasOwn(choice, 'tools');
    const hint = looksFlat ? formatMixingHints.chatAllowedTools : undefined;
    return { issues: [openaiIssues.missingRequired(path, hint)], references: [] };
  }
  if (!isJsonObject(allowed)) {
    return { issues: [openaiIssues.invalidType(path, 'an object', allowed)], references: [] };
  }
  const mode = getOwn(allowed, 'mode');
  if (mode === undefined) {
    return { issues: [openaiIssues.missingRequired([...path, 'mode'])], references: [] };
  }
  if (!(MODES as readonly unknown[]).includes(mode)) {
    return { issues: [openaiIssues.invalidValue([...path, 'mode'], mode, MODES)], references: [] };
  }
  const tools = getOwn(allowed, 'tools');
  return checkAllowedToolEntries({ tools, path: [...path, 'tools'], endpoint: 'chat', maxEntries: maxTools });
}

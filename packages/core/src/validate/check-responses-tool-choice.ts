import { getOwn } from '../json/get-own.js';
import { checkAllowedToolEntries } from './check-allowed-tool-entries.js';
import { checkToolChoiceShape } from './check-tool-choice-shape.js';
import type { CheckedToolChoice } from './check-tool-references.js';
import { formatMixingHints } from './format-mixing-hints.js';
import { openaiIssues } from './openai-issues.js';

// Choice types of the current SDK other than function/allowed_tools (ToolChoiceTypes, Mcp, Custom, …).
const OTHER_CHOICE_TYPES = [
  'file_search',
  'web_search_preview',
  'computer',
  'computer_use_preview',
  'computer_use',
  'web_search_preview_2025_03_11',
  'image_generation',
  'code_interpreter',
  'mcp',
  'custom',
  'apply_patch',
  'shell',
  'programmatic_tool_calling',
] as const;
const MODES = ['auto', 'required'] as const;

/**
 * Responses `tool_choice` (docs/protocol/tool-choice.md): a mode string, `{type:"function", name}` or
 * `{type:"allowed_tools", mode, tools}`; Chat-shaped objects get a hint. A missing `mode` is taken
 * as `auto`, as Open Responses allows (unconfirmed for OpenAI; docs/protocol/tool-choice.md#allowed_tools).
 */
export function checkResponsesToolChoice(choice: unknown, maxTools: number): CheckedToolChoice {
  return checkToolChoiceShape(choice, {
    named: checkNamedChoice,
    allowed: (object) => checkAllowedChoice(object, maxTools),
    otherType: (type) =>
      (OTHER_CHOICE_TYPES as readonly unknown[]).includes(type)
        ? openaiIssues.unsupportedValue(['tool_choice', 'type'], type, formatMixingHints.functionToolsOnly)
        : openaiIssues.invalidValue(['tool_choice', 'type'], type, [
            'function',
            'allowed_tools',
            ...OTHER_CHOICE_TYPES,
          ]),
  });
}

function checkNamedChoice(choice: Record<string, unknown>): CheckedToolChoice {
  const name = getOwn(choice, 'name');
  const path = ['tool_choice', 'name'];
  if (name === undefined) {
    const hint = Object.hasOwn(choice, 'function') ? formatMixingHints.responsesNamedToolChoice : undefined;
    return { issues: [openaiIssues.missingRequired(path, hint)], references: [] };
  }
  if (typeof name !== 'string') {
    return { issues: [openaiIssues.invalidType(path, 'a string', name)], references: [] };
  }
  return { issues: [], references: [{ kind: 'forced', name, path }] };
}

function checkAllowedChoice(choice: Record<string, unknown>, maxTools: number): CheckedToolChoice {
  const tools = getOwn(choice, 'tools');
  if (tools === undefined) {
    const hint = Object.hasOwn(choice, 'allowed_tools') ? formatMixingHints.responsesAllowedTools : undefined;
    return { issues: [openaiIssues.missingRequired(['tool_choice', 'tools'], hint)], references: [] };
  }
  const mode = getOwn(choice, 'mode');
  if (mode !== undefined && !(MODES as readonly unknown[]).includes(mode)) {
    return { issues: [openaiIssues.invalidValue(['tool_choice', 'mode'], mode, MODES)], references: [] };
  }
  return checkAllowedToolEntries({
    tools,
    path: ['tool_choice', 'tools'],
    endpoint: 'responses',
    maxEntries: maxTools,
  });
}

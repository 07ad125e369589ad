import { getOwn } from '../json/get-own.js';
import type { ValidationIssue } from './issue.js';

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function onlyWhenIssue(key: string, condition: string, code: string): ValidationIssue {
  const message = `Invalid value for '${key}': '${key}' is only allowed when ${condition}.`;
  return { code, path: [key], message, openaiCode: null };
}

/**
 * Parameters that need another one (E9, E19; docs/protocol/tool-choice.md#validation-errors):
 * `tool_choice` and `parallel_tool_calls` need `tools`; `stream_options` needs `stream: true`. Applied
 * on both endpoints (OpenAI's behaviour on Responses is unconfirmed); envelope code `null` (unconfirmed).
 */
export function checkToolPrerequisites(body: Readonly<Record<string, unknown>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const hasTools = isSet(getOwn(body, 'tools'));
  if (isSet(getOwn(body, 'tool_choice')) && !hasTools) {
    issues.push(onlyWhenIssue('tool_choice', "'tools' are specified", 'tool_choice_without_tools'));
  }
  if (isSet(getOwn(body, 'parallel_tool_calls')) && !hasTools) {
    issues.push(
      onlyWhenIssue('parallel_tool_calls', "'tools' are specified", 'parallel_tool_calls_without_tools'),
    );
  }
  if (isSet(getOwn(body, 'stream_options')) && getOwn(body, 'stream') !== true) {
    const message = "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
    issues.push({
      code: 'stream_options_without_stream',
      path: ['stream_options'],
      message,
      openaiCode: null,
    });
  }
  return issues;
}

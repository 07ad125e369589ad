import { type JsonRecord, ownValue } from './json-value.js';
import type { ToolChoiceSpec, ToolSpec } from './scripted-request.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';
import { invalidRequest, type ReadResult } from './upstream-error.js';

/**
 * Checks shared by the Chat and Responses readers (model, tool count, `tool_choice` without tools, a forced
 * tool that does not exist), with OpenAI's error texts (docs/protocol/tool-choice.md#validation-errors,
 * docs/protocol/errors.md).
 */
export const readCommonFields = {
  /** `model` is required on both endpoints. */
  model(body: JsonRecord): ReadResult<string> {
    const model = ownValue(body, 'model');
    if (typeof model === 'string' && model !== '') return { ok: true, value: model };
    return { ok: false, error: invalidRequest('you must provide a model parameter', null, null) };
  },

  /** A positive integer limit, or null when absent or not a number. */
  positiveInteger(body: JsonRecord, ...keys: string[]): number | null {
    for (const key of keys) {
      const value = ownValue(body, key);
      if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    }
    return null;
  },

  /** `tools` must be an array of at most 128 entries (docs/protocol/tools.md#how-many-tools). */
  toolArray(body: JsonRecord): ReadResult<unknown[]> {
    const tools = ownValue(body, 'tools');
    if (tools === undefined || tools === null) return { ok: true, value: [] };
    if (!Array.isArray(tools)) {
      const message = "Invalid type for 'tools': expected an array of objects, but got a non-array instead.";
      return { ok: false, error: invalidRequest(message, 'tools', 'invalid_type') };
    }
    const max = SCRIPTED_UPSTREAM_DEFAULTS.maxTools;
    if (tools.length > max) {
      const message = `Invalid 'tools': array too long. Expected an array with maximum length ${max}, but got an array with length ${tools.length} instead.`;
      return { ok: false, error: invalidRequest(message, 'tools', 'array_above_max_length') };
    }
    return { ok: true, value: tools };
  },

  /** Rejects `tool_choice` without tools and forced/allowed names that are not offered. */
  checkToolChoice(
    body: JsonRecord,
    choice: ToolChoiceSpec,
    tools: readonly ToolSpec[],
  ): ReadResult<ToolChoiceSpec> {
    const given = ownValue(body, 'tool_choice');
    if (given !== undefined && given !== null && tools.length === 0) {
      const message =
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.";
      return { ok: false, error: invalidRequest(message, 'tool_choice', null) };
    }
    if (choice.kind === 'function' && !tools.some((tool) => tool.name === choice.name)) {
      const message = `Tool choice '${choice.name}' not found in 'tools' parameter.`;
      return { ok: false, error: invalidRequest(message, 'tool_choice', null) };
    }
    return { ok: true, value: choice };
  },

  /**
   * The default `tool_choice`: `auto` when tools are present, `none` otherwise
   * (docs/protocol/tool-choice.md#forms).
   */
  defaultToolChoice(tools: readonly ToolSpec[]): ToolChoiceSpec {
    return tools.length > 0 ? { kind: 'auto' } : { kind: 'none' };
  },

  /** OpenAI's message for a bad `tool_choice` string (docs/protocol/tool-choice.md#validation-errors). */
  badToolChoice(value: unknown): ReadResult<ToolChoiceSpec> {
    const shown = (typeof value === 'string' ? value : String(JSON.stringify(value))).slice(0, 200);
    const message = `Invalid value: '${shown}'. Supported values are: 'none', 'auto', and 'required'.`;
    return { ok: false, error: invalidRequest(message, 'tool_choice', 'invalid_value') };
  },
};

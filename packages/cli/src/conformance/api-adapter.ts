import { getOwn, isJsonObject } from '@toolbridge/core';
import type { NormalizedCall } from './step-result.js';

/** Calls and text read out of one answer. */
export interface AnswerView {
  calls: NormalizedCall[];
  outputText: string | null;
}

/**
 * What the runner needs to know about one API format to read its answers. Cases name their API
 * (`"api": "chat"`); a new upstream format (Anthropic Messages, Gemini, …) plugs in by adding an
 * adapter to `apiAdapters` and cases that name it, without touching the runner.
 */
export interface ApiAdapter {
  readonly id: string;
  /** Shown in the scorecard. */
  readonly title: string;
  /** Calls and text of a complete JSON answer. */
  readBody(body: unknown): AnswerView;
  /** Accumulates a stream's payloads into the answer it stands for (`body`), its calls and text. */
  readStream(events: readonly unknown[]): AnswerView & { body: unknown };
}

/** The parameter schema of the tool called `name` in a request body, in either tool shape. */
export function findToolSchema(requestBody: unknown, name: string): { found: boolean; schema: unknown } {
  const tools = isJsonObject(requestBody) ? getOwn(requestBody, 'tools') : undefined;
  for (const tool of Array.isArray(tools) ? tools : []) {
    if (!isJsonObject(tool)) continue;
    const nested = getOwn(tool, 'function');
    const definition = isJsonObject(nested) ? nested : tool;
    if (getOwn(definition, 'name') === name) {
      const schema = getOwn(definition, 'parameters');
      return { found: true, schema: schema ?? { type: 'object', properties: {} } };
    }
  }
  return { found: false, schema: undefined };
}

/** A string field of an object, or null. */
export function stringField(value: unknown, key: string): string | null {
  if (!isJsonObject(value)) return null;
  const field = getOwn(value, key);
  return typeof field === 'string' ? field : null;
}

import type { JsonObject } from '../items/canonical.js';
import { isJsonObject } from '../json/get-own.js';
import type { ChatToolCallExtraContent } from '../protocol/chat/types.js';

/**
 * Where a function call's opaque provider state (`CanonicalFunctionCall.providerState`) rides on the
 * client's wire, both ways. Chat uses `tool_calls[].extra_content.google.thought_signature`, the field
 * Gemini's own OpenAI-compatible endpoint uses for the same purpose, so a client that echoes the
 * assistant message unchanged (or one written for Gemini's endpoint) sends it back. Responses uses a
 * `provider_state` field on `function_call` items; the official SDKs keep unknown fields of items
 * they echo. Nothing here interprets the value (docs/protocol/gemini.md, "Thought signatures").
 */
export const providerStateFields = {
  /** The Responses item field. */
  responsesField: 'provider_state',

  /** Reads the state from a Chat tool call (`extra_content.google.thought_signature`), if any. */
  fromChatToolCall(call: unknown): string | undefined {
    if (!isJsonObject(call)) return undefined;
    const extra = Object.hasOwn(call, 'extra_content') ? call['extra_content'] : undefined;
    if (!isJsonObject(extra)) return undefined;
    const google = Object.hasOwn(extra, 'google') ? extra['google'] : undefined;
    if (!isJsonObject(google)) return undefined;
    const value = Object.hasOwn(google, 'thought_signature') ? google['thought_signature'] : undefined;
    return typeof value === 'string' && value !== '' ? value : undefined;
  },

  /** The `extra_content` of a Chat tool call carrying `state` (none when there is no state). */
  chatExtra(state: string | undefined): { extra_content?: ChatToolCallExtraContent } {
    return state === undefined ? {} : { extra_content: { google: { thought_signature: state } } };
  },

  /** Reads the state from a Responses `function_call` item (`provider_state`), if any. */
  fromResponsesItem(item: JsonObject): string | undefined {
    const value = Object.hasOwn(item, 'provider_state') ? item['provider_state'] : undefined;
    return typeof value === 'string' && value !== '' ? value : undefined;
  },

  /** The Responses fields of an item carrying `state`. */
  responsesExtra(state: string | undefined): { provider_state?: string } {
    return state === undefined ? {} : { provider_state: state };
  },
} as const;

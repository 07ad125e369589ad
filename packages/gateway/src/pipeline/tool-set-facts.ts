import { randomBytes } from 'node:crypto';
import { freezeShared, isJsonObject, type ToolListMemo, ToolSetCache } from '@toolbridge/core';

/**
 * What the gateway keeps per tool set (docs/adr/0011-tool-set-cache.md): the parsed `tools` array
 * itself, frozen and shared by every request that sends the same text, and the tools checks of each
 * endpoint (they depend on the gateway's configuration, fixed for the cache's life). What depends on
 * the array alone is remembered by its identity instead (`memoByShared`).
 */
export interface ToolSetFacts {
  tools: readonly unknown[];
  toolList: ToolListMemo;
}

/** One cache per gateway. */
export function createToolSetCache(): ToolSetCache<ToolSetFacts> {
  return new ToolSetCache<ToolSetFacts>();
}

/** A parsed request body, and the facts of its tool set when it has one the cache keeps. */
export interface ParsedModelRequest {
  body: unknown;
  toolSet: ToolSetFacts | undefined;
}

/**
 * Stands in for a kept tools array while the rest of a body is parsed. Its random part is drawn per
 * process and never leaves it, so a client cannot send it: when the parsed top-level `tools` is this
 * string, it is the one spliced in.
 */
const PLACEHOLDER = `toolbridge-tools-${randomBytes(16).toString('hex')}`;
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/**
 * Parses a model request's body text (with `parse`, which throws the client's 400), sharing the
 * parsed `tools` of a set seen before. When the cache finds a kept set's exact text where the first
 * `"tools"` key's array starts, the text is parsed with `PLACEHOLDER` spliced in place of the array,
 * and the kept array replaces it when the parsed top-level `tools` is that placeholder: then the
 * placeholder, so the array, was the top-level `tools` value, and the array being valid JSON, the whole
 * text is valid exactly when the rest is. For an agent's request that skips most of the parse (the
 * tools are two thirds of a 33 KB request with 50 tools). The body nests no deeper either: the set was
 * kept from a body that passed the depth check with it at the same level. Any doubt (the rest does not
 * parse, or `tools` is something else: the array was nested, or another `tools` key followed) parses
 * the whole text as usual, so errors read the same.
 */
export function parseModelRequest(
  cache: ToolSetCache<ToolSetFacts>,
  text: string,
  parse: (text: string) => unknown,
): ParsedModelRequest {
  const hit = cache.find(text);
  if (hit !== undefined) {
    const rest = tryParse(parse, `${text.slice(0, hit.start)}${PLACEHOLDER_JSON}${text.slice(hit.end)}`);
    if (isJsonObject(rest) && Object.hasOwn(rest, 'tools') && rest['tools'] === PLACEHOLDER) {
      rest['tools'] = hit.value.tools;
      return { body: rest, toolSet: hit.value };
    }
  }
  const body = parse(text);
  if (!isJsonObject(body) || !Object.hasOwn(body, 'tools')) return { body, toolSet: undefined };
  const tools = body['tools'];
  if (!Array.isArray(tools) || tools.length === 0) return { body, toolSet: undefined };
  const toolSet = cache.resolve(text, () => ({ tools: freezeShared(tools), toolList: {} }));
  if (toolSet !== undefined) body['tools'] = toolSet.tools;
  return { body, toolSet };
}

function tryParse(parse: (text: string) => unknown, text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

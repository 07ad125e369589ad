import { freezeShared, isJsonObject, type ToolListMemo, ToolSetCache } from '@toolbridge/core';

/**
 * What the gateway keeps per tool set (docs/adr/0011-tool-set-cache.md): the parsed `tools` array
 * itself, frozen and shared by every request that sends the same text; the tools checks of each
 * endpoint; and whether the strict tools' patterns were found runnable. All depend only on the
 * `tools` text and the gateway's configuration, which is fixed for the cache's life.
 */
export interface ToolSetFacts {
  tools: readonly unknown[];
  toolList: ToolListMemo;
  patternsChecked: { chat?: true; responses?: true };
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
 * Parses a model request's body text (with `parse`, which throws the client's 400), sharing the
 * parsed `tools` of a set seen before: the text is parsed with `null` where the kept array's text
 * sits, and the kept array takes its place. For an agent's request that skips most of the parse (the
 * tools are two thirds of a 33 KB request with 50 tools). It is the same value: the cache found the
 * kept text exactly there, with no other `"tools"` key after it and no escape that could spell one
 * (`ToolSetCache.find`), and the top-level `tools` of the parsed rest is the `null` put in its place,
 * so that `null` stands where the array stood. The body nests no deeper either: the set was kept from
 * a body that passed the depth check with it at the same level. Any doubt (the rest does not parse, or
 * `tools` is not that `null`) parses the whole text as usual, so errors read the same.
 */
export function parseModelRequest(
  cache: ToolSetCache<ToolSetFacts>,
  text: string,
  parse: (text: string) => unknown,
): ParsedModelRequest {
  const hit = cache.find(text);
  if (hit !== undefined) {
    const rest = tryParse(parse, `${text.slice(0, hit.start)}null${text.slice(hit.end)}`);
    if (isJsonObject(rest) && Object.hasOwn(rest, 'tools') && rest['tools'] === null) {
      rest['tools'] = hit.value.tools;
      return { body: rest, toolSet: hit.value };
    }
  }
  const body = parse(text);
  if (!isJsonObject(body) || !Object.hasOwn(body, 'tools')) return { body, toolSet: undefined };
  const tools = body['tools'];
  if (!Array.isArray(tools) || tools.length === 0) return { body, toolSet: undefined };
  const toolSet = cache.resolve(text, () => ({
    tools: freezeShared(tools),
    toolList: {},
    patternsChecked: {},
  }));
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

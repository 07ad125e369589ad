import { isJsonObject, type ToolListMemo, ToolSetCache } from '@toolbridge/core';

/**
 * What the gateway keeps per tool set (docs/adr/0011-tool-set-cache.md): the tools checks of each
 * endpoint, and whether the strict tools' patterns were found runnable. Both depend only on the
 * `tools` value and the gateway's configuration, which is fixed for the cache's life.
 */
export interface ToolSetFacts {
  toolList: ToolListMemo;
  patternsChecked: { chat?: true; responses?: true };
}

/** One cache per gateway. */
export function createToolSetCache(): ToolSetCache<ToolSetFacts> {
  return new ToolSetCache<ToolSetFacts>();
}

/** The facts kept for the tools of a parsed body and its text, or undefined (no tools, or not locatable). */
export function toolSetFactsOf(
  cache: ToolSetCache<ToolSetFacts>,
  body: unknown,
  text: string,
): ToolSetFacts | undefined {
  if (!isJsonObject(body) || !Object.hasOwn(body, 'tools') || !Array.isArray(body['tools'])) return undefined;
  if (body['tools'].length === 0) return undefined;
  return cache.resolve(text, () => ({ toolList: {}, patternsChecked: {} }));
}

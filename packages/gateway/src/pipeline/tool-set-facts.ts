import { randomBytes } from 'node:crypto';
import {
  freezeShared,
  HistoryCache,
  type HistoryHit,
  isJsonObject,
  type ToolListMemo,
  ToolSetCache,
} from '@toolbridge/core';

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

/** Stands in for a kept history's elements, like `PLACEHOLDER` for a tool set. */
const HISTORY_PLACEHOLDER = `toolbridge-history-${randomBytes(16).toString('hex')}`;
const HISTORY_PLACEHOLDER_JSON = JSON.stringify(HISTORY_PLACEHOLDER);

/** Parsed histories of one endpoint's requests (Chat `messages`), kept across requests. */
export type HistoryFacts = HistoryCache<readonly unknown[]>;

/** One cache of Chat histories per gateway (docs/adr/0011-tool-set-cache.md). */
export function createChatHistoryCache(): HistoryFacts {
  return new HistoryCache<readonly unknown[]>('messages');
}

/** A piece of the body text replaced while the rest is parsed. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

function splice(text: string, pieces: Splice[]): string {
  pieces.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const piece of pieces) {
    out += text.slice(from, piece.start) + piece.text;
    from = piece.end;
  }
  return out + text.slice(from);
}

/**
 * Parses a model request's body text (with `parse`, which throws the client's 400), sharing what the
 * caches keep: the parsed `tools` of a set seen before, and the parsed messages of a conversation's
 * earlier turn (`history`, Chat only).
 *
 * When the tool-set cache finds a kept set's exact text where the first `"tools"` key's array starts,
 * the text is parsed with `PLACEHOLDER` spliced in place of the array, and the kept array replaces it
 * when the parsed top-level `tools` is that placeholder: then the placeholder, so the array, was the
 * top-level `tools` value, and the array being valid JSON, the whole text is valid exactly when the rest
 * is. For an agent's request that skips most of the parse (the tools are two thirds of a 33 KB request
 * with 50 tools). The body nests no deeper either: the set was kept from a body that passed the depth
 * check with it at the same level.
 *
 * A kept history is spliced the same way, except that only its elements are replaced (by
 * `HISTORY_PLACEHOLDER`, the first element of the array that remains): when the parsed top-level array
 * begins with that placeholder, the kept elements stood at its start, and as they form a valid array on
 * their own, the whole text is valid exactly when the rest is, with the kept elements followed by the
 * parsed new ones. The longer history is then kept in place of the one it extends.
 *
 * Any doubt (the rest does not parse, or a placeholder is not where it should be: the array was nested,
 * or another key of the same name followed) parses the whole text as usual, so errors read the same.
 */
export function parseModelRequest(
  cache: ToolSetCache<ToolSetFacts>,
  text: string,
  parse: (text: string) => unknown,
  history?: HistoryFacts,
): ParsedModelRequest {
  const hit = cache.find(text);
  let historyHit = history?.find(text);
  if (hit !== undefined && historyHit !== undefined) {
    // Overlapping regions cannot both be top-level values; keep the tools' (checked first, as before).
    if (historyHit.start < hit.end && hit.start < historyHit.keptEnd) historyHit = undefined;
  }
  if (hit !== undefined || historyHit !== undefined) {
    const pieces: Splice[] = [];
    if (hit !== undefined) pieces.push({ start: hit.start, end: hit.end, text: PLACEHOLDER_JSON });
    if (historyHit !== undefined)
      pieces.push({ start: historyHit.start, end: historyHit.keptEnd, text: `[${HISTORY_PLACEHOLDER_JSON}` });
    const rest = tryParse(parse, splice(text, pieces));
    if (
      isJsonObject(rest) &&
      (hit === undefined || (Object.hasOwn(rest, 'tools') && rest['tools'] === PLACEHOLDER)) &&
      (historyHit === undefined ||
        (Object.hasOwn(rest, 'messages') && startsWithHistoryPlaceholder(rest['messages'])))
    ) {
      if (hit !== undefined) rest['tools'] = hit.value.tools;
      if (history !== undefined) {
        if (historyHit !== undefined)
          rest['messages'] = joinHistory(history, text, historyHit, rest['messages'] as unknown[]);
        else keepHistory(history, text, rest);
      }
      return { body: rest, toolSet: hit?.value };
    }
  }
  const body = parse(text);
  if (!isJsonObject(body)) return { body, toolSet: undefined };
  if (history !== undefined) keepHistory(history, text, body);
  if (!Object.hasOwn(body, 'tools')) return { body, toolSet: undefined };
  const tools = body['tools'];
  if (!Array.isArray(tools) || tools.length === 0) return { body, toolSet: undefined };
  const toolSet = cache.resolve(text, () => ({ tools: freezeShared(tools), toolList: {} }));
  if (toolSet !== undefined) body['tools'] = toolSet.tools;
  return { body, toolSet };
}

/** Keeps the parsed messages of a body whose history the cache did not have (frozen in place). */
function keepHistory(history: HistoryFacts, text: string, body: Record<string, unknown>): void {
  const messages = body['messages'];
  if (Object.hasOwn(body, 'messages') && Array.isArray(messages) && messages.length > 0)
    history.remember(text, () => freezeShared(messages));
}

function startsWithHistoryPlaceholder(value: unknown): value is unknown[] {
  return Array.isArray(value) && value[0] === HISTORY_PLACEHOLDER;
}

/** The kept elements followed by the new ones; a longer history is kept in place of the shorter one. */
function joinHistory(
  history: HistoryFacts,
  text: string,
  hit: HistoryHit<readonly unknown[]>,
  parsed: unknown[],
): readonly unknown[] {
  if (parsed.length === 1) return hit.value;
  const joined = freezeShared([...hit.value, ...parsed.slice(1)]);
  return history.extend(text, hit, joined);
}

function tryParse(parse: (text: string) => unknown, text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

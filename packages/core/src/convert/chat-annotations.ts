import { isJsonObject } from '../json/get-own.js';

/**
 * Annotations on an answer's text (URL citations of search models), in the two shapes the endpoints
 * use: Chat nests a citation's fields (`{type: "url_citation", url_citation: {start_index, end_index,
 * url, title}}`), Responses has them flat on the `output_text` part. The gateway keeps the Responses
 * shape (a text part's pass-through `annotations`); other annotation types pass unchanged.
 */
export function annotationsFromChat(list: unknown): unknown[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((entry) => {
    if (!isJsonObject(entry) || entry['type'] !== 'url_citation' || !isJsonObject(entry['url_citation']))
      return entry;
    return { type: 'url_citation', ...entry['url_citation'] };
  });
}

/**
 * URL citations in the Chat shape (see {@link annotationsFromChat}). Chat knows no other annotation
 * type (file citations and the like of a Responses upstream), and typed clients reject what they do not
 * know, so the rest stay out. `offset`: the length of the text before this part's in the Chat message,
 * which joins every part into one string; a citation's indices move by it.
 */
export function annotationsToChat(list: readonly unknown[], offset = 0): unknown[] {
  const out: unknown[] = [];
  for (const entry of list) {
    if (!isJsonObject(entry) || entry['type'] !== 'url_citation') continue;
    if (isJsonObject(entry['url_citation'])) {
      out.push(entry);
      continue;
    }
    const { type: _type, ...citation } = entry;
    for (const key of ['start_index', 'end_index'])
      if (typeof citation[key] === 'number') citation[key] = (citation[key] as number) + offset;
    out.push({ type: 'url_citation', url_citation: citation });
  }
  return out;
}

/** The annotations a text part keeps in its pass-through fields, or none. */
export function partAnnotations(passthrough: Record<string, unknown> | undefined): unknown[] {
  const list = passthrough?.['annotations'];
  return Array.isArray(list) ? list : [];
}

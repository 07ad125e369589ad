import { isRecord, ownString } from './json-value.js';

/**
 * The plain text of a message `content` in any wire shape: a string, or an array of parts whose
 * `text` (`text`, `input_text`, `output_text`) or `refusal` strings are joined. Images are skipped.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (!isRecord(part)) continue;
    const text = ownString(part, 'text') ?? ownString(part, 'refusal');
    if (text !== undefined) texts.push(text);
  }
  return texts.join('');
}

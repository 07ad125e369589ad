import { CoreError } from '../../errors/core-error.js';
import type { CanonicalContentPart } from '../../items/canonical.js';
import type { AnthropicImageBlock, AnthropicTextBlock } from '../../protocol/anthropic/types.js';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** A text block, or nothing for text Anthropic would refuse (empty or only whitespace). */
export function textBlock(text: string): AnthropicTextBlock[] {
  return text.trim() === '' ? [] : [{ type: 'text', text }];
}

function imageBlock(part: Extract<CanonicalContentPart, { type: 'image' }>): AnthropicImageBlock {
  const url = part.url;
  if (url === undefined) {
    throw new CoreError({
      code: 'conversion_failed',
      message:
        'An image given by file id (image_url / input_image with "file_id") cannot be sent to an Anthropic upstream: send it as an https URL or a base64 data URL.',
    });
  }
  const data = DATA_URL.exec(url);
  if (data !== null)
    return { type: 'image', source: { type: 'base64', media_type: data[1] ?? '', data: data[2] ?? '' } };
  return { type: 'image', source: { type: 'url', url } };
}

/**
 * Canonical content → Anthropic text and image blocks (docs/protocol/anthropic.md §4): empty text is
 * dropped, a refusal becomes its text, images go by URL or base64. Parts Anthropic has no form for
 * (audio, files) fail with `conversion_failed`, which the gateway answers with a 400 naming them.
 */
export function contentBlocks(
  content: string | readonly CanonicalContentPart[],
): Array<AnthropicTextBlock | AnthropicImageBlock> {
  if (typeof content === 'string') return textBlock(content);
  const blocks: Array<AnthropicTextBlock | AnthropicImageBlock> = [];
  for (const part of content) {
    switch (part.type) {
      case 'text':
        blocks.push(...textBlock(part.text));
        break;
      case 'refusal':
        blocks.push(...textBlock(part.refusal));
        break;
      case 'image':
        blocks.push(imageBlock(part));
        break;
      case 'opaque': {
        const kind = typeof part.raw['type'] === 'string' ? part.raw['type'] : 'unknown';
        throw new CoreError({
          code: 'conversion_failed',
          message: `A content part of type '${kind}' cannot be sent to an Anthropic upstream: it takes text and images only.`,
        });
      }
    }
  }
  return blocks;
}

/** The text of content for the `system` prompt, which takes text only. */
export function contentText(content: string | readonly CanonicalContentPart[]): string {
  if (typeof content === 'string') return content;
  return content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

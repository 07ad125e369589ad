import { decodeSseBatches, safeParseJson } from '@toolbridge/core';
import type { CassetteFrame } from './cassette.js';
import type { TimedChunk } from './recording-body.js';

/**
 * Cuts a recorded stream into SSE frames, each stamped with the arrival time of the chunk that
 * completed it: JSON payloads are kept parsed (a cassette is read by people), others as text.
 */
export async function framesOfChunks(chunks: readonly TimedChunk[]): Promise<CassetteFrame[]> {
  let atMs = 0;
  const source = (async function* (): AsyncIterable<Buffer> {
    for (const timed of chunks) {
      atMs = timed.atMs;
      yield timed.chunk;
    }
  })();
  const frames: CassetteFrame[] = [];
  for await (const batch of decodeSseBatches(source)) {
    for (const message of batch) {
      const parsed = safeParseJson(message.data);
      frames.push({
        atMs,
        ...(message.event !== undefined ? { event: message.event } : {}),
        ...(parsed.success ? { data: parsed.value } : { text: message.data }),
      });
    }
  }
  return frames;
}

/** The SSE text of one frame, as the gateway's decoder reads it back. */
export function frameText(frame: CassetteFrame): string {
  const payload = frame.text !== undefined ? frame.text : JSON.stringify(frame.data ?? null);
  const event = frame.event !== undefined ? `event: ${frame.event}\n` : '';
  return `${event}${payload
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;
}

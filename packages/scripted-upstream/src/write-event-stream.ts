import type { Exchange } from './exchange.js';
import { flushWrite } from './flush-write.js';
import { pause } from './pause.js';
import type { ScriptedDirectives } from './scripted-directives.js';
import { midpoint } from './stream-faults.js';

/**
 * Sends SSE frames with the stream-timing directives: `#delay=MS` between frames (0 = one write),
 * `#stall` stops half-way and keeps the socket open, `#reset` stops half-way and destroys the socket
 * (the chunked body then ends without its terminator). Stops early when the client disconnects.
 */
export async function writeEventStream(
  exchange: Exchange,
  frames: readonly string[],
  timing: Pick<ScriptedDirectives, 'delayMs' | 'stall' | 'reset'>,
): Promise<void> {
  const { response, signal } = exchange;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-request-id': exchange.requestId,
  });
  const faulty = timing.stall || timing.reset;
  const sent = faulty ? frames.slice(0, midpoint(frames.length)) : frames;
  if (timing.delayMs === 0) await flushWrite(exchange, sent.join(''));
  else {
    for (const [index, frame] of sent.entries()) {
      if (index > 0 && !(await pause(timing.delayMs, signal))) return;
      await flushWrite(exchange, frame);
    }
  }
  if (timing.reset) response.socket?.destroy();
  if (!faulty) response.end();
}

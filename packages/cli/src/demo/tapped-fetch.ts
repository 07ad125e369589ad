import type { WireListener } from './wire-hop.js';

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return body === undefined || body === null ? '' : '(a body that is not text)';
}

/**
 * A `fetch` for the demo's OpenAI client that reports what the client sends to the gateway (before
 * sending it) and what comes back (when its last byte passes, before the SDK sees the end): the first
 * and last hops of `demo --verbose`. Streamed answers still stream: the body is passed through.
 */
export function tappedFetch(onWire: WireListener): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    onWire({
      hop: 'client→gateway',
      label: `${init?.method ?? 'GET'} ${url.pathname}${url.search}`,
      body: bodyText(init?.body),
    });
    const response = await fetch(input, init);
    const label = String(response.status);
    if (response.body === null) {
      onWire({ hop: 'gateway→client', label, body: '' });
      return response;
    }
    const decoder = new TextDecoder();
    let text = '';
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        text += decoder.decode(chunk, { stream: true });
        controller.enqueue(chunk);
      },
      flush() {
        onWire({ hop: 'gateway→client', label, body: text + decoder.decode() });
      },
    });
    return new Response(response.body.pipeThrough(tap), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

import type { Exchange } from './exchange.js';

/**
 * Writes a chunk and resolves once it has been handed to the socket, or at once when the client has
 * gone away, so a fault such as `#reset` only strikes after the earlier bytes left.
 */
export function flushWrite(exchange: Exchange, chunk: string): Promise<void> {
  const { response, signal } = exchange;
  if (response.destroyed || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    response.write(chunk, () => done());
  });
}

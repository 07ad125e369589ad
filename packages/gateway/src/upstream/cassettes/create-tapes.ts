import type { CassetteConfig, ProviderConfig } from '../../config/gateway-config.js';
import type { Logger } from '../../logging/create-logger.js';
import type { UpstreamTape } from '../upstream-exchange.js';
import { loadCassetteLibrary } from './cassette-library.js';
import { createCassetteRecorder } from './create-recording-tape.js';
import { createReplayTape } from './create-replay-tape.js';

/**
 * The tape each upstream client gets for `serve --record` / `--replay` (docs/cassettes.md): one
 * recorder or one library for the whole gateway, shared by every provider. Null without cassettes.
 */
export function createTapes(
  cassettes: CassetteConfig | undefined,
  logger: Logger,
): ((provider: ProviderConfig) => UpstreamTape) | null {
  if (cassettes === undefined) return null;
  if (cassettes.mode === 'replay') {
    const tape = createReplayTape({ library: loadCassetteLibrary(cassettes.dir), timing: cassettes.timing });
    return () => tape;
  }
  const recorder = createCassetteRecorder({
    dir: cassettes.dir,
    redact: cassettes.redact,
    // Never the cassette or the request: only why the file could not be written.
    onError: (error) =>
      logger.warn({ dir: cassettes.dir, reason: (error as Error).message }, 'cassette not written'),
  });
  return (provider) => recorder.tapeFor(provider);
}

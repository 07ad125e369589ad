import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.js';
import { pause } from '../../http/request-abort.js';
import type { DispatchedReply, TapeRequest, UpstreamTape } from '../upstream-exchange.js';
import type { CassetteLibrary, TakeResult } from './cassette-library.js';
import { ReplayBody } from './replay-body.js';
import { describeDifference } from './request-differences.js';

function missError(
  library: CassetteLibrary,
  request: TapeRequest,
  miss: Extract<TakeResult, { miss: unknown }>['miss'],
): GatewayError {
  const head = `No cassette in ${library.dir} matches this upstream request (POST ${request.path}).`;
  const fix = 'Record it with `toolbridge serve --record DIR`, or send the request that was recorded.';
  if (miss === null)
    return new GatewayError({
      code: 'cassette_not_found',
      message: `${head} The directory has no cassettes. ${fix}`,
    });
  const where =
    miss.difference === null
      ? 'differs only in its path'
      : `differs where ${describeDifference(miss.difference)}`;
  return new GatewayError({
    code: 'cassette_not_found',
    message: `${head} The closest is ${miss.closest.file}, which ${where}. ${fix}`,
  });
}

/**
 * `serve --replay DIR` (docs/cassettes.md): answers every upstream request from the cassettes and
 * never calls `live`. A request no cassette matches is a 400 `cassette_not_found` that names the
 * closest cassette and the first field where it differs.
 */
export function createReplayTape(options: {
  library: CassetteLibrary;
  timing: 'real' | 'fast';
}): UpstreamTape {
  const { library, timing } = options;
  return {
    async exchange(request): Promise<DispatchedReply> {
      const taken = library.take(request);
      if ('miss' in taken) throw missError(library, request, taken.miss);
      const { response } = taken.cassette.cassette;
      if (timing === 'real') await pause(response.headersMs, request.signal);
      const headers: IncomingHttpHeaders = { ...response.headers };
      if (response.frames !== undefined) {
        const body = new ReplayBody({
          frames: response.frames,
          error: response.error,
          timing,
          signal: request.signal,
        });
        return { status: response.status, headers, body };
      }
      return {
        status: response.status,
        headers,
        text: response.text ?? JSON.stringify(response.body ?? null),
      };
    },
    async close() {},
  };
}

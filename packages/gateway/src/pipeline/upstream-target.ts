import type { ProviderConfig } from '../config/gateway-config.js';
import type { RequestAbort } from '../http/request-abort.js';
import type { RequestTrace } from '../logging/request-trace.js';
import type { ProviderCodec } from '../providers/provider-codec.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';

/** Everything needed to run one turn against one upstream model. */
export interface UpstreamTarget {
  provider: ProviderConfig;
  codec: ProviderCodec;
  client: UpstreamClient;
  upstreamModel: string;
}

/** Per-request facts every pipeline step needs; what it traces goes to the request's log lines. */
export interface TurnContext extends RequestTrace {
  requestId: string;
  signal: RequestAbort;
}

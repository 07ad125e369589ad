import OpenAI from 'openai';
import { clientDefaults } from '../defaults.js';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { createChatTransport } from './chat-transport.js';
import { createResponsesTransport } from './responses-transport.js';
import type { Transport } from './transport.js';

/** Options of {@link createTransport}. */
export interface CreateTransportOptions {
  api: 'chat' | 'responses';
  client?: OpenAI | undefined;
  baseURL?: string | undefined;
  apiKey?: string | undefined;
}

function createClient({ baseURL, apiKey }: Pick<CreateTransportOptions, 'baseURL' | 'apiKey'>): OpenAI {
  try {
    return new OpenAI({
      ...(baseURL === undefined ? {} : { baseURL }),
      ...(apiKey === undefined ? {} : { apiKey }),
      maxRetries: clientDefaults.maxRetries,
    });
  } catch (error) {
    throw new ToolbridgeClientError({
      code: 'invalid_options',
      message: `Cannot create an OpenAI client (${error instanceof Error ? error.message : String(error)}); pass client, or apiKey (or set OPENAI_API_KEY).`,
      cause: error,
    });
  }
}

/** The transport for `api`, sending through `client` or a new `openai` client for `baseURL`/`apiKey`. */
export function createTransport({ api, client, baseURL, apiKey }: CreateTransportOptions): Transport {
  const openai = client ?? createClient({ baseURL, apiKey });
  return api === 'chat'
    ? createChatTransport({ client: openai })
    : createResponsesTransport({ client: openai });
}

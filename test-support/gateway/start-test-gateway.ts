import { defaultPrices } from '@toolbridge/core';
import type { AccessStore, GatewayConfig, ProviderConfig } from '@toolbridge/gateway';
import {
  capabilityPresets,
  openResponseStore,
  type ProviderCapabilities,
  type RunningGateway,
  type StartGatewayOptions,
  startGateway,
} from '@toolbridge/gateway';
import {
  type ScriptedUpstream,
  type ScriptedUpstreamOptions,
  startScriptedUpstream,
} from '@toolbridge/scripted-upstream';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** The key the scripted upstream expects when the gateway speaks Anthropic Messages to it. */
export const ANTHROPIC_TEST_KEY = 'sk-ant-test';

export interface TestGatewayOptions {
  /**
   * Format the scripted upstream is spoken to in. `anthropic`: its `/v1/messages` route, with the
   * `anthropic` capability preset and key (the double then checks `x-api-key`); `gemini`: its Gemini
   * routes, with the `gemini` preset.
   */
  upstreamApi: 'chat' | 'responses' | 'anthropic' | 'gemini';
  /** Capability overrides (default: everything native, like OpenAI; the API's preset for anthropic and gemini). */
  capabilities?: Partial<ProviderCapabilities>;
  upstream?: ScriptedUpstreamOptions;
  store?: string;
  config?: Partial<Omit<GatewayConfig, 'providers'>>;
  /** Hands the gateway this access store (virtual keys, limits) instead of opening one on `store`. */
  accessStore?: AccessStore | null;
  provider?: Partial<ProviderConfig>;
  /** The gateway's logger (default: none, `logLevel: 'silent'`); tests that read the access log pass one. */
  logger?: StartGatewayOptions['logger'];
  /** Environment for the OpenTelemetry variables (default: empty, so tests never export traces by accident). */
  env?: NodeJS.ProcessEnv;
}

export interface TestGateway {
  gateway: RunningGateway;
  upstream: ScriptedUpstream;
  /** `http://127.0.0.1:PORT/v1`. */
  baseURL: string;
  /** The official SDK pointed at the gateway, SDK retries off so tests see the gateway's own behaviour. */
  client: OpenAI;
  close(): Promise<void>;
}

/** Starts a scripted upstream and a gateway in front of it on free loopback ports. */
export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const anthropic = options.upstreamApi === 'anthropic';
  const upstream = await startScriptedUpstream({
    ...(anthropic ? { apiKey: ANTHROPIC_TEST_KEY } : {}),
    ...options.upstream,
  });
  const gemini = options.upstreamApi === 'gemini';
  const kind = anthropic ? 'anthropic' : gemini ? 'gemini' : 'openai';
  const provider: ProviderConfig = {
    name: 'scripted',
    baseUrl: gemini ? upstream.geminiUrl : upstream.url,
    api: options.upstreamApi,
    kind,
    capabilities: { ...capabilityPresets[kind], ...options.capabilities },
    apiKeyEnv: null,
    apiKey: anthropic ? ANTHROPIC_TEST_KEY : null,
    headers: {},
    models: gemini ? ['gemini-3-flash', 'gemini-2.5-flash'] : ['gpt-5.4', 'gpt-5.4-mini'],
    maxTokensField: 'max_completion_tokens',
    timeouts: { connectMs: 2_000, firstByteMs: 5_000, idleMs: 5_000 },
    retries: 0,
    ...options.provider,
  };
  const config: GatewayConfig = {
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 1024 * 1024,
    store: options.store ?? ':memory:',
    providers: [provider],
    routes: [],
    defaultProvider: 'scripted',
    apiKeys: [],
    projects: [],
    adminKey: null,
    enforcement: { repairRetries: 2, parallelToolCalls: 'keep-first' },
    maxToolNameLength: 128,
    prices: defaultPrices,
    logLevel: 'silent',
    ...options.config,
  };
  const store = await openResponseStore(config.store);
  const gateway = await startGateway({
    config,
    store,
    env: options.env ?? {},
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
    ...(options.accessStore !== undefined ? { accessStore: options.accessStore } : {}),
  });
  const baseURL = `${gateway.url}/v1`;
  const client = new OpenAI({ baseURL, apiKey: 'sk-test', maxRetries: 0, timeout: 20_000 });
  return {
    gateway,
    upstream,
    baseURL,
    client,
    async close() {
      await gateway.close({ graceMs: 500 });
      await upstream.close();
    },
  };
}

/** A test gateway shared by the tests of one `describe`, counting upstream requests per test. */
export interface SharedTestGateway extends Omit<TestGateway, 'close'> {
  /** Counts upstream requests from now on; every test starts with a mark. */
  mark(): void;
  /** The upstream requests recorded since the last mark. */
  requestsSinceMark(): ScriptedUpstream['requests'];
}

/**
 * Starts a test gateway for the enclosing `describe` (in `beforeAll`, closed in `afterAll`) and marks,
 * before each test, where that test's upstream requests begin. The fields are read when a test runs.
 */
export function useTestGateway(options: TestGatewayOptions): SharedTestGateway {
  let started: TestGateway | undefined;
  let mark = 0;
  const current = (): TestGateway => {
    if (started === undefined) throw new Error('The shared test gateway starts in beforeAll.');
    return started;
  };
  beforeAll(async () => {
    started = await startTestGateway(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(() => {
    mark = current().upstream.requests.length;
  });
  return {
    get gateway() {
      return current().gateway;
    },
    get upstream() {
      return current().upstream;
    },
    get baseURL() {
      return current().baseURL;
    },
    get client() {
      return current().client;
    },
    mark() {
      mark = current().upstream.requests.length;
    },
    requestsSinceMark() {
      return current().upstream.requests.slice(mark);
    },
  };
}

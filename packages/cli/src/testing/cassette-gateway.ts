import { ConfigError, loadGatewayConfig, type ServeFlags, startGateway } from '@toolbridge/gateway';
import { CliError } from '../cli-error.js';

/** A gateway started for one test, on a free loopback port. */
export interface CassetteGateway {
  /** `http://127.0.0.1:PORT/v1`: the base URL for the official SDK, LangChain, … */
  baseURL: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Stops the gateway; a recording one writes its last cassettes first. */
  close(): Promise<void>;
}

/** Options of {@link startReplayGateway}. */
export interface ReplayGatewayOptions {
  /** The cassette directory written by `toolbridge serve --record DIR` or {@link startRecordingGateway}. */
  dir: string;
  /** `fast` (default): streams as fast as the client reads; `real`: at the recorded pace. */
  timing?: 'real' | 'fast';
}

/** Options of {@link startRecordingGateway}. */
export interface RecordingGatewayOptions {
  /** Where to write the cassettes (created if missing; new files are numbered after existing ones). */
  dir: string;
  /** The real upstream's base URL, e.g. `https://api.openai.com/v1`. */
  upstream: string;
  upstreamApi: 'chat' | 'responses';
  upstreamKind?: string;
  /** The environment variable with the upstream key (default OPENAI_API_KEY when set). */
  upstreamKeyEnv?: string;
  /** Fields to leave out of the cassettes (names, or JSON pointers). */
  redact?: string[];
}

async function start(flags: ServeFlags, env: NodeJS.ProcessEnv): Promise<CassetteGateway> {
  let config: Awaited<ReturnType<typeof loadGatewayConfig>>;
  try {
    config = await loadGatewayConfig(
      { ...flags, host: '127.0.0.1', port: 0, store: ':memory:', logLevel: 'silent' },
      env,
    );
  } catch (error) {
    if (ConfigError.isInstance(error)) throw new CliError(error.message, { cause: error });
    throw error;
  }
  const running = await startGateway({ config });
  return {
    url: running.url,
    baseURL: `${running.url}/v1`,
    close: () => running.close({ graceMs: 1_000 }),
  };
}

/**
 * Starts a gateway that answers only from cassettes (docs/cassettes.md): a test of your agent runs
 * offline and gives the same answers every time. Point your client at `baseURL`; close it after.
 * A request that was never recorded gets a 400 naming the closest cassette and what differs.
 */
export function startReplayGateway(options: ReplayGatewayOptions): Promise<CassetteGateway> {
  return start(
    { replay: options.dir, ...(options.timing !== undefined ? { replayTiming: options.timing } : {}) },
    {},
  );
}

/**
 * Starts a gateway in front of a real upstream that writes every exchange to `dir`: run your test
 * once with it, commit the cassettes, then run it with {@link startReplayGateway}.
 */
export function startRecordingGateway(options: RecordingGatewayOptions): Promise<CassetteGateway> {
  const flags: ServeFlags = {
    record: options.dir,
    upstream: options.upstream,
    upstreamApi: options.upstreamApi,
    ...(options.upstreamKind !== undefined ? { upstreamKind: options.upstreamKind } : {}),
    ...(options.upstreamKeyEnv !== undefined ? { upstreamKeyEnv: options.upstreamKeyEnv } : {}),
    ...(options.redact !== undefined ? { redact: options.redact } : {}),
  };
  return start(flags, process.env);
}

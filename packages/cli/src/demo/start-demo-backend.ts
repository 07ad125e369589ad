import { ConfigError, loadGatewayConfig, startGateway } from '@toolbridge/gateway';
import { type ScriptedUpstream, startScriptedUpstream } from '@toolbridge/scripted-upstream';
import { CliError } from '../cli-error.js';
import { startWireTap, type WireTap } from './start-wire-tap.js';
import type { WireListener } from './wire-hop.js';

export interface DemoBackendOptions {
  /** A real upstream; without it the scripted upstream (a test double, no key) is used. */
  upstream?: string;
  upstreamApi?: string;
  upstreamKeyEnv?: string;
  upstreamKind?: string;
  /** `--verbose`: a relay between gateway and upstream reports both bodies of every exchange. */
  onWire?: WireListener;
}

/** The gateway, in-process on a free loopback port, in front of the scripted or a real upstream. */
export interface DemoBackend {
  baseURL: string;
  description: string;
  close(): Promise<void>;
}

/** Starts what the demo talks to; nothing listens beyond 127.0.0.1. */
export async function startDemoBackend(options: DemoBackendOptions): Promise<DemoBackend> {
  let scripted: ScriptedUpstream | null = null;
  if (options.upstream === undefined) scripted = await startScriptedUpstream({ record: false });
  const upstreamApi = options.upstreamApi ?? 'chat';
  let tap: WireTap | null = null;
  try {
    // The scripted upstream speaks Gemini on `/v1beta` and the OpenAI and Anthropic formats on `/v1`.
    const scriptedUrl = upstreamApi === 'gemini' ? scripted?.geminiUrl : scripted?.url;
    const upstreamUrl = scriptedUrl ?? options.upstream ?? '';
    if (options.onWire !== undefined) tap = await startWireTap(upstreamUrl, options.onWire);
    const config = await loadGatewayConfig(
      {
        upstream: tap?.url ?? upstreamUrl,
        upstreamApi,
        // The double has every OpenAI capability; an Anthropic or Gemini double gets that API's preset.
        ...(scripted && upstreamApi !== 'anthropic' && upstreamApi !== 'gemini'
          ? { upstreamKind: 'openai' }
          : {}),
        ...(options.upstreamKind !== undefined ? { upstreamKind: options.upstreamKind } : {}),
        ...(options.upstreamKeyEnv !== undefined ? { upstreamKeyEnv: options.upstreamKeyEnv } : {}),
        ...(scripted && upstreamApi === 'anthropic' ? { upstreamKeyEnv: 'TOOLBRIDGE_DEMO_KEY' } : {}),
        host: '127.0.0.1',
        port: 0,
        store: ':memory:',
        logLevel: 'silent',
      },
      // A key makes the gateway send Anthropic's key and version headers; the double takes any key.
      scripted ? { TOOLBRIDGE_DEMO_KEY: 'demo' } : process.env,
    );
    const gateway = await startGateway({ config });
    const upstreamLabel = scripted
      ? `the scripted upstream (a test double, not a model; speaks ${upstreamApi})`
      : `${options.upstream} (${upstreamApi})`;
    return {
      baseURL: `${gateway.url}/v1`,
      description: `toolbridge gateway ${gateway.url} → ${upstreamLabel}`,
      async close() {
        await gateway.close({ graceMs: 1_000 });
        await tap?.close();
        await scripted?.close();
      },
    };
  } catch (error) {
    await tap?.close();
    await scripted?.close();
    if (ConfigError.isInstance(error)) throw new CliError(error.message, { exitCode: 2, cause: error });
    throw error;
  }
}

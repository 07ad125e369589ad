import type { GatewayObserver } from './gateway-observer.js';

/**
 * The OTLP endpoint for traces from the standard OpenTelemetry variables, or null when tracing is off:
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as is, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`;
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turn it off.
 */
export function otlpTracesUrl(env: NodeJS.ProcessEnv): string | null {
  if (env['OTEL_SDK_DISABLED'] === 'true' || env['OTEL_TRACES_EXPORTER'] === 'none') return null;
  const traces = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (traces !== undefined && traces !== '') return traces;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (base === undefined || base === '') return null;
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * The tracing observer when OTLP export is configured, else null. The OpenTelemetry SDK and exporter are
 * imported only then (a dynamic import): a gateway without the variables never loads them, so tracing
 * costs nothing when it is off (docs/observability.md#traces).
 */
export async function loadTracingObserver(
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayObserver | null> {
  const url = otlpTracesUrl(env);
  if (url === null) return null;
  const { createTracingObserver } = await import('./tracing-observer.js');
  return createTracingObserver({ url, serviceName: env['OTEL_SERVICE_NAME'] || 'toolbridge-gateway' });
}

import {
  type Attributes,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { GatewayObserver, ObservedRequest, RequestEnd } from './gateway-observer.js';
import type { RepairFact, RequestLog, UpstreamAttemptFact } from './request-log.js';

/** Where and as whom spans are exported. */
export interface TracingObserverOptions {
  /** The OTLP/HTTP traces URL (`…/v1/traces`). */
  url: string;
  serviceName: string;
}

/** Routes that are a model call: their spans follow the GenAI conventions. */
const MODEL_ROUTES = new Set(['chat.completions', 'responses.create']);

function requestAttributes(log: RequestLog, end: RequestEnd, requestId: string): Attributes {
  const attributes: Attributes = {
    'http.request.method': end.method,
    'http.response.status_code': end.status,
    'toolbridge.request_id': requestId,
  };
  if (log.route !== undefined) attributes['http.route'] = log.route;
  if (log.route !== undefined && MODEL_ROUTES.has(log.route)) attributes['gen_ai.operation.name'] = 'chat';
  if (log.provider !== undefined) attributes['gen_ai.provider.name'] = log.provider;
  if (log.model !== undefined) attributes['gen_ai.request.model'] = log.model;
  if (log.upstreamModel !== undefined) attributes['toolbridge.upstream_model'] = log.upstreamModel;
  if (log.inputTokens !== undefined) {
    attributes['gen_ai.usage.input_tokens'] = log.inputTokens;
    attributes['gen_ai.usage.output_tokens'] = log.outputTokens ?? 0;
    attributes['gen_ai.usage.cache_read.input_tokens'] = log.cachedTokens ?? 0;
  }
  if (typeof log.costUsd === 'number') attributes['toolbridge.cost_usd'] = log.costUsd;
  if (log.adjusted !== undefined && log.adjusted.length > 0)
    attributes['toolbridge.adjustments'] = log.adjusted;
  if (log.upstreamRetries) attributes['toolbridge.upstream_retries'] = log.upstreamRetries;
  if (log.errorCode !== undefined) attributes['error.type'] = log.errorCode;
  if (end.aborted) attributes['toolbridge.aborted'] = true;
  return attributes;
}

function attemptAttributes(attempt: UpstreamAttemptFact): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': attempt.provider,
    'gen_ai.request.model': attempt.upstreamModel,
    'toolbridge.attempt': attempt.attempt,
    'toolbridge.reask': attempt.reask,
    'toolbridge.outcome': attempt.outcome,
  };
  if (attempt.status > 0) attributes['http.response.status_code'] = attempt.status;
  if (attempt.ttfbMs !== null) attributes['toolbridge.ttfb_ms'] = attempt.ttfbMs;
  if (attempt.reason !== null) attributes['error.type'] = attempt.reason;
  return attributes;
}

function repairAttributes(repair: RepairFact): Attributes {
  return {
    'gen_ai.tool.name': repair.toolName,
    'gen_ai.tool.call.id': repair.callId,
    'toolbridge.repair.outcome': repair.outcome,
    'toolbridge.repair.reason': repair.reason,
  };
}

/**
 * Traces by the OpenTelemetry GenAI semantic conventions (docs/observability.md#traces): one server
 * span per request (`chat <model>` for model calls, with `gen_ai.*` usage), a client span per upstream
 * attempt and a span per repair, both children of the request's. Attempts and repairs are reported
 * once they are over, so their spans are made with their real start and end times. Exported in batches
 * over OTLP/HTTP; `close()` flushes.
 */
export function createTracingObserver(options: TracingObserverOptions): GatewayObserver {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.url }))],
  });
  const tracer = provider.getTracer('@toolbridge/gateway');
  const spans = new WeakMap<RequestLog, Span>();
  const child = (
    request: ObservedRequest,
    name: string,
    facts: { startedAt: number; durationMs: number },
  ) => {
    const parent = spans.get(request.log);
    const context = parent === undefined ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, parent);
    return { name, context, start: facts.startedAt, end: facts.startedAt + facts.durationMs };
  };
  return {
    onRequestStart(request) {
      spans.set(
        request.log,
        tracer.startSpan('request', { kind: SpanKind.SERVER, startTime: request.startedAt }),
      );
    },
    onRequestEnd(request, end) {
      const span = spans.get(request.log);
      if (span === undefined) return;
      const { log } = request;
      const isModelCall = log.route !== undefined && MODEL_ROUTES.has(log.route);
      span.updateName(
        isModelCall ? `chat ${log.model ?? ''}`.trim() : `${end.method} ${log.route ?? 'unmatched'}`,
      );
      span.setAttributes(requestAttributes(log, end, request.requestId));
      if (end.status >= 500 || log.errorCode !== undefined) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: log.errorCode ?? String(end.status) });
      }
      span.end(request.startedAt + end.durationMs);
      spans.delete(request.log);
    },
    onUpstreamAttempt(request, attempt) {
      const { name, context, start, end } = child(request, `chat ${attempt.upstreamModel}`, attempt);
      const span = tracer.startSpan(
        name,
        { kind: SpanKind.CLIENT, startTime: start, attributes: attemptAttributes(attempt) },
        context,
      );
      if (attempt.outcome !== 'ok')
        span.setStatus({ code: SpanStatusCode.ERROR, message: attempt.reason ?? '' });
      span.end(end);
    },
    onRepair(request, repair) {
      const { name, context, start, end } = child(request, `repair ${repair.toolName}`, repair);
      const span = tracer.startSpan(
        name,
        { startTime: start, attributes: repairAttributes(repair) },
        context,
      );
      if (repair.outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR, message: repair.reason });
      span.end(end);
    },
    onStoreOp() {},
    async close() {
      // A collector that is down must not fail the gateway's shutdown: the spans are lost, nothing else.
      await provider.shutdown().catch(() => undefined);
    },
  };
}

import type { Sampler } from '@opentelemetry/sdk-trace-node';
import type { Telemetry } from 'bullmq';

/** Root spans of BullMQ's periodic maintenance, not of any job. */
const HOUSEKEEPING = /^(startStalledCheckTimer|moveStalledJobsToWait) /;

export interface Tracing {
  /** For createQueueRuntime: producer spans on add, consumer spans around every job. */
  telemetry: Telemetry;
  /** Flushes buffered spans and unregisters the global provider. */
  shutdown(): Promise<void>;
}

/** OTLP/HTTP base URL → its traces endpoint, as the OTel spec derives it from OTEL_EXPORTER_OTLP_ENDPOINT. */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Turns on OpenTelemetry traces: a Node tracer provider exporting OTLP/HTTP (JSON) in batches,
 * registered globally (AsyncLocalStorage context, W3C trace context), and bullmq-otel for BullMQ,
 * which carries the producer's context inside the job so the worker's span joins the same trace.
 * Every OpenTelemetry module is imported here, dynamically: with tracing off none is loaded.
 */
export async function startTracing(opts: { endpoint: string; serviceName: string }): Promise<Tracing> {
  const [sdk, { OTLPTraceExporter }, { resourceFromAttributes }, { BullMQOtel }, api] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('bullmq-otel'),
    import('@opentelemetry/api'),
  ]);
  // BullMQ also traces its own housekeeping (a stalled-job check per queue every 30 s in every
  // worker): dropped at the root, so traces show jobs, not timers.
  const jobsOnly: Sampler = {
    shouldSample: (_ctx, _traceId, name) => ({
      decision: HOUSEKEEPING.test(name) ? sdk.SamplingDecision.NOT_RECORD : sdk.SamplingDecision.RECORD_AND_SAMPLED,
    }),
    toString: () => 'BullMQJobsOnly',
  };
  const provider = new sdk.NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName }),
    sampler: new sdk.ParentBasedSampler({ root: jobsOnly }),
    spanProcessors: [new sdk.BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(opts.endpoint) }))],
  });
  provider.register();
  return {
    telemetry: new BullMQOtel({ tracerName: 'mock-interview' }),
    async shutdown() {
      await provider.shutdown();
      api.trace.disable();
      api.context.disable();
      api.propagation.disable();
    },
  };
}

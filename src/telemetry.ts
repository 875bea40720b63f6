// OpenTelemetry traces, loaded before the service with `node --import` (npm start and the
// production start do), so that the modules it instruments are hooked as they load, ES
// modules included. Off unless the standard variables ask for it: OTEL_TRACES_EXPORTER=otlp
// or an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
// OTEL_SDK_DISABLED=true turns it off whatever else is set. When off, nothing of
// OpenTelemetry is even loaded.
//
// What a trace may carry: the route template, the method, the status, and each SQL
// statement's text with its $1 placeholders. Never the statements' parameters (they carry
// contact data and free text), never a tracking token, sign-in code or OIDC state from an
// address (scrubbed as in the logs).

const env = process.env;
const wanted =
  env.OTEL_SDK_DISABLED !== 'true' &&
  (env.OTEL_TRACES_EXPORTER === 'otlp' || Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT) || Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)) &&
  env.OTEL_TRACES_EXPORTER !== 'none';

if (wanted) {
  const { register } = await import('node:module');
  // ES modules (fastify's own plugins among them) are hooked through this loader.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { registerInstrumentations }, { PgInstrumentation }, { FastifyOtelInstrumentation }, { scrubUrl }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/instrumentation'),
      import('@opentelemetry/instrumentation-pg'),
      import('@fastify/otel'),
      import('./plugins/logging.js'),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'one-entry' }),
    // The exporter reads the endpoint, headers and timeout from the OTEL_EXPORTER_OTLP_* variables.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Statement text only: enhancedDatabaseReporting would add the parameters.
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        requestHook: (span, request) => span.setAttribute('url.path', scrubUrl(request.url)),
      }),
    ],
  });
  // Spans still in the batch are sent when the service stops.
  const flush = () => provider.shutdown().catch(() => undefined);
  process.once('beforeExit', flush);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void flush());
}

export {};

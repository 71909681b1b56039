/**
 * Sigil for bench/telemetry-overhead.mjs: the compiled server (dist/) with one ES256
 * client_credentials client, `telemetry` from the setup, and, with `setup.sdk`, an OpenTelemetry
 * SDK registered first as a host would (AsyncLocalStorage context, always-on sampling, a batch
 * span processor and a metric reader whose exporters drop everything, so no I/O is measured).
 */
import { API, CLIENTS, readSetup, reportReady } from '../lib/setup.mjs';

const setup = readSetup();
if (setup.sdk) {
  const { context, metrics, trace } = await import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { AggregationTemporality, MeterProvider, PeriodicExportingMetricReader } = await import(
    '@opentelemetry/sdk-metrics'
  );
  const drop = { export: (_items, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(drop)] }));
  const exporter = { ...drop, selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE };
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 10_000 });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
}
const { createIdentityServer, formatHashedSecret } = await import(new URL('../../dist/index.js', import.meta.url).href);
const c = CLIENTS.es256;
const sigil = await createIdentityServer({
  issuer: `http://127.0.0.1:${setup.port}`,
  logLevel: 'silent',
  store: { type: 'memory' },
  dataProtection: { masterKey: setup.masterKey, applicationName: 'sigil-bench' },
  keyManagement: { enabled: false, staticKeys: [{ jwk: setup.keys.ES256, alg: 'ES256', kid: setup.keys.ES256.kid }] },
  apiScopes: [{ name: API.scope }],
  apiResources: [{ name: API.name, scopes: [API.scope], apiSecrets: [{ value: formatHashedSecret(API.secret) }] }],
  clients: [
    {
      clientId: c.id,
      clientSecrets: [{ value: formatHashedSecret(c.secret) }],
      allowedGrantTypes: ['client_credentials'],
      allowedScopes: [API.scope],
      allowedAccessTokenSigningAlgorithms: ['ES256'],
    },
  ],
  telemetry: setup.telemetry,
  backgroundJobs: false,
});
await sigil.listen(setup.port, '127.0.0.1');
reportReady();

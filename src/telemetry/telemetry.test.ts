import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { context, metrics, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AggregationTemporality,
  type DataPoint,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ClientInput } from '../config/types.js';
import { SECRET, startTestServer, type TestServer, webClient } from '../server/test-server.case.js';
import type { GrantHandler } from '../validation/token/grant.js';

// The real SDK, registered once for this process before any server is created (as a host would).
const spans = new InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));

/** The data points of metric `name` in the latest collection. */
async function points(name: string): Promise<DataPoint<unknown>[]> {
  await reader.forceFlush();
  const latest = metricExporter.getMetrics().at(-1);
  const found = latest?.scopeMetrics.flatMap((s) => s.metrics).filter((m) => m.descriptor.name === name) ?? [];
  return found.flatMap((m) => m.dataPoints as DataPoint<unknown>[]);
}

function sigilSpans(name?: string): ReadableSpan[] {
  return spans.getFinishedSpans().filter((s) => s.name.startsWith('sigil.') && (!name || s.name === name));
}

function machine(clientId: string): ClientInput {
  return {
    clientId,
    clientSecrets: [{ value: SECRET }],
    allowedGrantTypes: ['client_credentials'],
    allowedScopes: ['orders.read'],
  };
}

const crash: GrantHandler = {
  grantType: 'urn:test:crash',
  parameters: [],
  handle: () => Promise.reject(new Error('the store is down')),
};

describe('OpenTelemetry with a registered SDK', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(
      [
        machine('svc'),
        machine('svc-fail'),
        webClient('web'),
        { ...machine('crasher'), allowedGrantTypes: ['urn:test:crash'] },
      ],
      { grants: [crash] },
    );
  });
  after(() => t.close());
  beforeEach(() => spans.reset());

  it('records one server span per token request, named after the route, with client id and grant type', async () => {
    const r = await t.token('svc', { grant_type: 'client_credentials', scope: 'orders.read' });
    assert.equal(r.status, 200);
    const [span, ...more] = sigilSpans();
    assert.equal(more.length, 0);
    assert.equal(span!.name, 'sigil.token');
    assert.equal(span!.kind, SpanKind.SERVER);
    assert.deepEqual(
      {
        method: span!.attributes['http.request.method'],
        path: span!.attributes['url.path'],
        route: span!.attributes['http.route'],
        status: span!.attributes['http.response.status_code'],
        client: span!.attributes['sigil.client_id'],
        grant: span!.attributes['sigil.grant_type'],
      },
      {
        method: 'POST',
        path: '/connect/token',
        route: '/connect/token',
        status: 200,
        client: 'svc',
        grant: 'client_credentials',
      },
    );
    assert.equal(span!.status.code, SpanStatusCode.UNSET);
  });

  it('counts issued tokens by grant type, client and token type', async () => {
    await t.token('svc', { grant_type: 'client_credentials', scope: 'orders.read' });
    const issued = (await points('sigil.tokens.issued')).find(
      (p) => p.attributes['sigil.client_id'] === 'svc' && p.attributes['sigil.token_type'] === 'access_token',
    );
    assert.equal(issued?.attributes['sigil.grant_type'], 'client_credentials');
    assert.ok((issued?.value as number) >= 1);
  });

  it('measures request duration per route and status', async () => {
    await t.request('GET', '/.well-known/openid-configuration');
    const p = (await points('sigil.requests.duration')).find(
      (x) => x.attributes['http.route'] === '/.well-known/openid-configuration',
    );
    assert.equal(p?.attributes['http.response.status_code'], 200);
    assert.equal(p?.attributes['http.request.method'], 'GET');
    assert.ok(((p?.value as { count: number } | undefined)?.count ?? 0) >= 1);
    assert.equal(sigilSpans('sigil.discovery').length, 1);
  });

  it('puts the OAuth error code on the span and counts a failed client authentication', async () => {
    const r = await t.request('POST', '/connect/token', {
      form: { grant_type: 'client_credentials', client_id: 'svc-fail', client_secret: 'wrong-secret-value' },
    });
    assert.equal(r.status, 400);
    const [span] = sigilSpans('sigil.token');
    assert.equal(span!.attributes['sigil.oauth.error'], 'invalid_client');
    assert.equal(span!.attributes['http.response.status_code'], 400);
    assert.equal(span!.status.code, SpanStatusCode.UNSET, 'a client error is not a server error');
    const failures = (await points('sigil.client_auth.failures')).find(
      (p) => p.attributes['sigil.client_auth.method'] === 'client_secret_post',
    );
    assert.ok(failures && (failures.value as number) >= 1);
    assert.deepEqual(Object.keys(failures.attributes), ['sigil.client_auth.method'], 'no claimed id, no detail');
  });

  it('marks a 5xx span as an error with server_error', async () => {
    const r = await t.token('crasher', { grant_type: 'urn:test:crash' });
    assert.equal(r.status, 500);
    const [span] = sigilSpans('sigil.token');
    assert.equal(span!.status.code, SpanStatusCode.ERROR);
    assert.equal(span!.attributes['sigil.oauth.error'], 'server_error');
    assert.equal(span!.attributes['sigil.client_id'], 'crasher');
  });

  it('counts introspection requests by whether the token was active', async () => {
    const token = await t.token('svc', { grant_type: 'client_credentials', scope: 'orders.read' });
    const basic = `Basic ${Buffer.from(`orders:${SECRET}`).toString('base64')}`;
    for (const value of [String(token.body.access_token), 'not-a-token'])
      await t.request('POST', '/connect/introspect', { form: { token: value }, headers: { authorization: basic } });
    const p = await points('sigil.introspection.requests');
    for (const active of [true, false])
      assert.ok(((p.find((x) => x.attributes['sigil.introspection.active'] === active)?.value as number) ?? 0) >= 1);
    const introspections = sigilSpans('sigil.introspection');
    assert.deepEqual(
      introspections.map((s) => s.attributes['sigil.introspection.active']),
      [true, false],
    );
  });

  it('never puts a secret, code, token or Authorization header into an attribute', async () => {
    const cc = await t.token('svc', { grant_type: 'client_credentials', scope: 'orders.read' });
    const { code, verifier } = await t.code('web');
    const issued = await t.token('web', {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'https://web.example/cb',
    });
    const refreshed = await t.token('web', {
      grant_type: 'refresh_token',
      refresh_token: String(issued.body.refresh_token),
    });
    const basic = `Basic ${Buffer.from(`orders:${SECRET}`).toString('base64')}`;
    await t.request('POST', '/connect/introspect', {
      form: { token: String(cc.body.access_token) },
      headers: { authorization: basic },
    });
    await t.request('GET', '/connect/userinfo', { headers: { authorization: `Bearer ${issued.body.access_token}` } });
    assert.equal(refreshed.status, 200);
    const secrets = [
      SECRET,
      code,
      verifier,
      basic,
      ...[cc, issued, refreshed].flatMap((r) =>
        ['access_token', 'refresh_token', 'id_token'].map((k) => r.body[k]).filter((v) => typeof v === 'string'),
      ),
    ] as string[];
    const values: unknown[] = sigilSpans().flatMap((s) => [s.name, ...Object.values(s.attributes)]);
    for (const name of [
      'sigil.tokens.issued',
      'sigil.requests.duration',
      'sigil.client_auth.failures',
      'sigil.introspection.requests',
    ])
      for (const p of await points(name)) values.push(...Object.values(p.attributes));
    assert.ok(values.length > 20);
    const text = JSON.stringify(values);
    for (const s of secrets) {
      assert.ok(!text.includes(s), `an attribute carries a secret: ${s.slice(0, 12)}…`);
      // Tokens are long: not even their masked tail (as events carry it) may appear.
      if (s.length > 40) assert.ok(!text.includes(s.slice(-12)));
    }
    assert.equal(sigilSpans('sigil.userinfo')[0]?.attributes['http.response.status_code'], 200);
  });

  it('continues the caller’s trace from traceparent on the node:http fast path', async () => {
    const { server, url } = await t.sigil.listen(0, '127.0.0.1');
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const parent = '00f067aa0ba902b7';
      const r = await fetch(`${url}/connect/token`, {
        method: 'POST',
        headers: {
          traceparent: `00-${traceId}-${parent}-01`,
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`svc:${SECRET}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials&scope=orders.read',
      });
      assert.equal(r.status, 200);
      const [span] = sigilSpans('sigil.token');
      assert.equal(span!.spanContext().traceId, traceId);
      assert.equal(span!.parentSpanContext?.spanId, parent);
      assert.equal(span!.attributes['sigil.client_auth.method'], 'client_secret_basic');
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it('nests its span in a span the host already started for the request', async () => {
    const host = trace.getTracer('host').startSpan('host request', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), host), () =>
      t.token('svc', { grant_type: 'client_credentials', scope: 'orders.read' }),
    );
    host.end();
    const [span] = sigilSpans('sigil.token');
    assert.equal(span!.kind, SpanKind.INTERNAL);
    assert.equal(span!.parentSpanContext?.spanId, host.spanContext().spanId);
  });
});

describe('OpenTelemetry switches', () => {
  beforeEach(() => spans.reset());

  it('records nothing with telemetry off', async () => {
    const t = await startTestServer([machine('quiet')], { telemetry: { tracing: false, metrics: false } });
    try {
      const r = await t.token('quiet', { grant_type: 'client_credentials', scope: 'orders.read' });
      assert.equal(r.status, 200);
      assert.equal(sigilSpans().length, 0);
      assert.equal(
        (await points('sigil.tokens.issued')).filter((p) => p.attributes['sigil.client_id'] === 'quiet').length,
        0,
      );
    } finally {
      await t.close();
    }
  });

  it('counts tokens with the events switched off, and the event sink still gets nothing', async () => {
    const t = await startTestServer([machine('no-events')], { events: {}, telemetry: { tracing: false } });
    try {
      await t.token('no-events', { grant_type: 'client_credentials', scope: 'orders.read' });
      assert.deepEqual(t.events, []);
      assert.equal(sigilSpans().length, 0);
      const p = (await points('sigil.tokens.issued')).find((x) => x.attributes['sigil.client_id'] === 'no-events');
      assert.equal(p?.value, 1);
    } finally {
      await t.close();
    }
  });
});

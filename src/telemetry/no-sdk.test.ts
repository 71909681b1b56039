import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestServer } from '../server/test-server.case.js';
import { createTelemetry } from './telemetry.js';

// This process registers no OpenTelemetry SDK, as most hosts.
describe('OpenTelemetry without an SDK', () => {
  it('installs no route wrapper and no event observer, so requests pay nothing', () => {
    assert.deepEqual(createTelemetry({ tracing: true, metrics: true }), {});
  });

  it('leaves switched-off events unbuilt on a server with telemetry on by default', async () => {
    const t = await startTestServer([], { events: {} });
    try {
      assert.equal(t.ctx.events.enabled('Success'), false);
      assert.equal(t.ctx.events.enabled('Failure'), false);
    } finally {
      await t.close();
    }
  });
});

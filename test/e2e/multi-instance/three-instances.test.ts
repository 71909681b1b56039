/**
 * Three real Sigil processes behind one issuer URL (a round-robin proxy), on one PostgreSQL
 * database with Redis: tokens and replay detection work across instances, a forced key rotation
 * is honoured everywhere without one validation failure, and killing an instance under load loses
 * no issued grant. Runs under CI=true too, where a missing PostgreSQL or Redis fails it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import { runSigil, type SigilProcess } from '../support/sigil-process.js';
import { basic, postForm } from '../support/start-server.js';
import { type Cluster, CREDENTIALS, KEY_TIMINGS, startCluster } from './cluster.js';

const C = CREDENTIALS;
const JWKS_PATH = '/.well-known/openid-configuration/jwks';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('three Sigil processes behind one issuer on PostgreSQL and Redis', { timeout: 900_000 }, () => {
  let cluster: Cluster | undefined;
  let skip: string | undefined;
  let a: SigilProcess;
  let b: SigilProcess;
  let c: SigilProcess;

  before(async () => {
    const started = await startCluster(3);
    if (typeof started === 'string') {
      skip = started;
      console.log(`# skipping the multi-instance test: ${skip}`);
      return;
    }
    cluster = started;
    [a, b, c] = cluster.instances as [SigilProcess, SigilProcess, SigilProcess];
  });
  after(() => cluster?.close());

  const issue = (base: string, client: { id: string; secret: string }) =>
    postForm(
      `${base}/connect/token`,
      { grant_type: 'client_credentials', scope: 'orders.read' },
      { authorization: basic(client.id, client.secret) },
    );
  const introspect = (base: string, token: string) =>
    postForm(`${base}/connect/introspect`, { token }, { authorization: basic(C.api.id, C.api.secret) });
  const jwks = async (base: string) => (await (await fetch(`${base}${JWKS_PATH}`)).json()) as JSONWebKeySet;

  it('every instance serves the same discovery document and JWKS', async (t) => {
    if (!cluster) return t.skip(skip);
    const docs = await Promise.all(
      cluster.instances.map(async (i) => (await fetch(`${i.url}/.well-known/openid-configuration`)).json()),
    );
    for (const d of docs) assert.deepEqual(d, docs[0]);
    assert.equal((docs[0] as { issuer: string }).issuer, cluster.issuer);
    const sets = await Promise.all(cluster.instances.map((i) => jwks(i.url)));
    assert.equal(sets[0]!.keys.length, 1, 'instances started together created one ES256 key, not one each');
    for (const s of sets) assert.deepEqual(s, sets[0]);
  });

  it('a reference token issued by A is introspected by B and revoked by C', async (t) => {
    if (!cluster) return t.skip(skip);
    const issued = await issue(a.url, C.reference);
    assert.equal(issued.status, 200, issued.text);
    const token = issued.body.access_token as string;
    const onB = await introspect(b.url, token);
    assert.equal(onB.body.active, true, onB.text);
    assert.equal(onB.body.client_id, C.reference.id);
    assert.equal(onB.body.iss, cluster.issuer);
    const revoked = await postForm(
      `${c.url}/connect/revocation`,
      { token, token_type_hint: 'access_token' },
      { authorization: basic(C.reference.id, C.reference.secret) },
    );
    assert.equal(revoked.status, 200, revoked.text);
    for (const i of [a, b, c]) assert.equal((await introspect(i.url, token)).body.active, false, `active on ${i.name}`);
  });

  it('a private_key_jwt assertion used on A and replayed on B or C is rejected', async (t) => {
    if (!cluster) return t.skip(skip);
    const assertion = async () => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ jti: randomBytes(16).toString('hex') })
        .setProtectedHeader({ alg: 'ES256', kid: 'pkjwt-1' })
        .setIssuer(C.pkjwt.id)
        .setSubject(C.pkjwt.id)
        .setAudience(`${cluster!.issuer}/connect/token`)
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(cluster!.clientKey);
    };
    const form = (client_assertion: string) => ({
      grant_type: 'client_credentials',
      scope: 'orders.read',
      client_id: C.pkjwt.id,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion,
    });
    const used = form(await assertion());
    const first = await postForm(`${a.url}/connect/token`, used);
    assert.equal(first.status, 200, first.text);
    for (const i of [b, c, a]) {
      const replay = await postForm(`${i.url}/connect/token`, used);
      // RFC 6749 §5.2: 401 only when the client authenticated with the Authorization header.
      assert.equal(replay.status, 400, `${i.name}: ${replay.text}`);
      assert.equal(replay.body.error, 'invalid_client');
    }
    // Only the replay is refused: a fresh assertion (new jti) works on B.
    const fresh = await postForm(`${b.url}/connect/token`, form(await assertion()));
    assert.equal(fresh.status, 200, fresh.text);
  });

  it('a forced key rotation is honoured by every instance with zero validation failures', {
    timeout: 300_000,
  }, async (t) => {
    if (!cluster) return t.skip(skip);
    const instances = [a, b, c];
    const failures: string[] = [];
    const kidsBy = new Map(instances.map((i) => [i.name, [] as string[]]));
    let rotation: Promise<string> | undefined;
    let newKid: string | undefined;
    let roundsSinceAllSwitched = 0;
    const deadline = Date.now() + 240_000;
    for (let round = 0; roundsSinceAllSwitched < 5; round++) {
      if (Date.now() > deadline)
        assert.fail(`no switch to ${newKid} on every instance in time: ${failures.length} failures`);
      if (round === 3) {
        rotation = runSigil(['keys', 'rotate', '--config', cluster.config], {
          cwd: `${cluster.root}/ops`,
          env: cluster.env,
        }).then((r) => {
          assert.equal(r.code, 0, r.stderr);
          const next = r.stdout.split('\n').find((l) => l.split('\t')[2] === 'next');
          assert.ok(next, `no announced key in:\n${r.stdout}`);
          return (newKid = next.split('\t')[0]!);
        });
        rotation.catch(() => undefined);
      }
      // Issue on every instance, then verify each token against the JWKS every instance serves now.
      const tokens = await Promise.all(
        instances.map(async (i) => {
          const r = await issue(i.url, C.jwt);
          assert.equal(r.status, 200, `${i.name}: ${r.text}`);
          return { from: i.name, token: r.body.access_token as string };
        }),
      );
      const sets = await Promise.all(instances.map(async (i) => ({ at: i.name, set: await jwks(i.url) })));
      for (const { from, token } of tokens) {
        const kid = String(decodeProtectedHeader(token).kid);
        kidsBy.get(from)!.push(kid);
        for (const { at, set } of sets) {
          try {
            await jwtVerify(token, createLocalJWKSet(set), {
              issuer: cluster.issuer,
              audience: C.api.id,
              typ: 'at+jwt',
            });
          } catch (e) {
            failures.push(
              `round ${round}: token of ${from} (kid ${kid}) against the JWKS of ${at}: ${(e as Error).message}`,
            );
          }
        }
      }
      if (newKid && instances.every((i) => kidsBy.get(i.name)!.includes(newKid!))) roundsSinceAllSwitched++;
      await pause(100);
    }
    await rotation;
    assert.deepEqual(failures, []);
    const oldKid = kidsBy.get('a')![0]!;
    assert.notEqual(newKid, oldKid);
    for (const i of instances) {
      const kids = kidsBy.get(i.name)!;
      // Old key until the switch, new key after it, never back.
      const firstNew = kids.indexOf(newKid!);
      assert.ok(firstNew > 0, `${i.name} never signed with the old key before the switch`);
      assert.ok(kids.slice(0, firstNew).every((k) => k === oldKid));
      assert.ok(
        kids.slice(firstNew).every((k) => k === newKid),
        `${i.name} went back to the old key`,
      );
    }
    t.diagnostic(`rounds per instance: ${kidsBy.get('a')!.length}; propagationTime ${KEY_TIMINGS.propagationTime} s`);
    // The retired key stays published for retentionDuration.
    for (const i of instances) {
      const kids = (await jwks(i.url)).keys.map((k) => k.kid);
      assert.ok(kids.includes(oldKid) && kids.includes(newKid!), `${i.name} publishes ${kids.join(', ')}`);
    }
  });

  it('killing one instance under load loses no issued grant', { timeout: 300_000 }, async (t) => {
    if (!cluster) return t.skip(skip);
    const proxy = cluster.proxy;
    const issued: string[] = [];
    let failed = 0;
    let stopAfter = Number.POSITIVE_INFINITY;
    const worker = async () => {
      while (issued.length < stopAfter) {
        const r = await issue(proxy.url, C.reference).catch(() => undefined);
        if (r?.status === 200) issued.push(r.body.access_token as string);
        else failed++;
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, worker));
    while (issued.length < 40) await pause(5);
    const byCBeforeKill = proxy.answered.get(c.url) ?? 0;
    const exit = await c.stop('SIGKILL');
    stopAfter = issued.length + 40;
    await load;
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(byCBeforeKill > 0, 'C answered part of the load before it was killed');
    t.diagnostic(`issued ${issued.length}, failed while C died: ${failed}, answered by C: ${byCBeforeKill}`);
    const inactive: string[] = [];
    for (const [n, token] of issued.entries()) {
      const r = await introspect((n % 2 ? a : b).url, token);
      if (r.body.active !== true) inactive.push(`${n}: ${r.status} ${r.text}`);
    }
    assert.deepEqual(inactive, []);
  });

  it('the survivors shut down cleanly on SIGTERM and logged no error', { timeout: 120_000 }, async (t) => {
    if (!cluster) return t.skip(skip);
    const exits = await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);
    assert.deepEqual(exits, [
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    for (const i of [a, b]) {
      assert.ok(
        i.logs().some((e) => e.msg === 'shutting down'),
        `${i.name} did not log its shutdown`,
      );
      assert.deepEqual(
        i.logs(50).map((e) => e.msg),
        [],
        `${i.name} logged errors`,
      );
      assert.equal(i.stderr(), '');
    }
  });
});

/**
 * The data-protection key ring: AES-256 keys wrapped with the master key (AES-256-GCM, bound to
 * the application name and key id), and the choice of the default key and of the next key to
 * create (ASP.NET Core `DefaultKeyResolver`, simplified).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SerializedProtectionKey } from '../stores/types.js';

/** A key of the ring in memory; `material` is absent when it could not be unwrapped. */
export interface RingKey {
  readonly id: string;
  readonly createdAt: number;
  readonly activatesAt: number;
  readonly expiresAt: number;
  readonly material?: Buffer;
  /** Why the key cannot be used (wrong master key, corrupt data). */
  readonly unreadable?: string;
}

const WRAP_VERSION = 'v1.';

function wrapAad(applicationName: string, id: string): Buffer {
  return Buffer.from(`sigil-dp-key:v1\u0000${applicationName}\u0000${id}`, 'utf8');
}

/** Encrypt a 32-byte ring key with the master key; the result is bound to `applicationName` and `id`. */
export function wrapKey(master: Buffer, applicationName: string, id: string, material: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv).setAAD(wrapAad(applicationName, id));
  const ct = Buffer.concat([cipher.update(material), cipher.final()]);
  return WRAP_VERSION + Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url');
}

/** Decrypt a wrapped ring key; throws when the master key, application name or id differ. */
export function unwrapKey(master: Buffer, applicationName: string, id: string, data: string): Buffer {
  if (!data.startsWith(WRAP_VERSION)) throw new Error('unknown wrapped key format');
  const raw = Buffer.from(data.slice(WRAP_VERSION.length), 'base64url');
  if (raw.length !== 12 + 32 + 16) throw new Error('wrapped key has the wrong length');
  const decipher = createDecipheriv('aes-256-gcm', master, raw.subarray(0, 12)).setAAD(wrapAad(applicationName, id));
  decipher.setAuthTag(raw.subarray(44));
  return Buffer.concat([decipher.update(raw.subarray(12, 44)), decipher.final()]);
}

/** Unwrap a stored key into a {@link RingKey}; failures are recorded, not thrown. */
export function readRingKey(master: Buffer, applicationName: string, stored: SerializedProtectionKey): RingKey {
  const base = {
    id: stored.id,
    createdAt: stored.createdAt,
    activatesAt: stored.activatesAt,
    expiresAt: stored.expiresAt,
  };
  try {
    return { ...base, material: unwrapKey(master, applicationName, stored.id, stored.data) };
  } catch (e) {
    return { ...base, unreadable: (e as Error).message };
  }
}

/**
 * The key to protect with at `now`: the readable key activated most recently and not expired;
 * if every key has expired (no refresh ran), the most recently activated readable one.
 */
export function selectDefaultKey(keys: Iterable<RingKey>, now: number): RingKey | undefined {
  let best: RingKey | undefined;
  let fallback: RingKey | undefined;
  for (const k of keys) {
    if (!k.material || k.activatesAt > now) continue;
    if (!fallback || later(k, fallback)) fallback = k;
    if (k.expiresAt > now && (!best || later(k, best))) best = k;
  }
  return best ?? fallback;
}

function later(a: RingKey, b: RingKey): boolean {
  return a.activatesAt > b.activatesAt || (a.activatesAt === b.activatesAt && a.createdAt > b.createdAt);
}

/** How long before the default key expires its successor is created: 2 days, or a quarter of the lifetime if shorter. */
export function rotationLead(lifetime: number): number {
  return Math.min(2 * 86_400, Math.floor(lifetime / 4));
}

/**
 * The activation time of the key to create now, or undefined when none is needed: `now` when no
 * usable key is active; the default key's expiry when it expires within the lead time and no
 * readable successor activates after it.
 */
export function nextKeyActivation(keys: readonly RingKey[], now: number, lifetime: number): number | undefined {
  const current = selectDefaultKey(keys, now);
  if (!current || current.expiresAt <= now) return now;
  if (current.expiresAt - now > rotationLead(lifetime)) return undefined;
  const successor = keys.some(
    (k) => k.material && k !== current && k.expiresAt > current.expiresAt && k.activatesAt <= current.expiresAt,
  );
  return successor ? undefined : current.expiresAt;
}

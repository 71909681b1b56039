/**
 * Crypto contracts. Only `crypto/` signs, verifies, encrypts and hashes.
 */
import type { KeyObject } from 'node:crypto';

/** A public JWK as published in the JWKS. */
export interface PublicJwk {
  kty: string;
  kid: string;
  alg: string;
  use: 'sig';
  [k: string]: unknown;
}

/** An asymmetric signing key held as a node:crypto KeyObject. */
export interface SigningKey {
  readonly kid: string;
  /** JWS alg: RS256, PS256, ES256, ES384, EdDSA, ... */
  readonly alg: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: PublicJwk;
  readonly createdAt: number;
  /** Static keys come from files and never rotate. */
  readonly static: boolean;
}

/** The keys the server signs and validates with; kept current by the key manager. */
export interface KeyMaterial {
  /**
   * The current signing key for the first algorithm of `allowed` that has one, or the default
   * algorithm's key when `allowed` is empty. Throws `ServerError` if none matches.
   */
  getSigningKey(allowed?: readonly string[]): SigningKey;
  /** Every key a token may currently be signed with (current, next and retired-but-retained). */
  getValidationKeys(): readonly SigningKey[];
  /** Look a validation key up by `kid`. */
  findValidationKey(kid: string): SigningKey | undefined;
  /** The JWKS document, serialised once per key-set change. */
  jwksJson(): string;
  /** The algorithms with a signing key, default first. */
  signingAlgorithms(): readonly string[];
  /** A counter that changes whenever the key set changes (for caches such as discovery). */
  readonly version: number;
}

/** Encrypts and authenticates payloads for one purpose (ASP.NET `IDataProtector`). */
export interface DataProtector {
  readonly purpose: string;
  /** Encrypt; the output is URL-safe text carrying the key id. */
  protect(plaintext: string): string;
  /** Decrypt; throws `DataProtectionError` naming the key id and application when it cannot. */
  unprotect(protectedText: string): string;
}

/** Creates protectors isolated by purpose within one application name. */
export interface DataProtectionProvider {
  readonly applicationName: string;
  createProtector(purpose: string): DataProtector;
}

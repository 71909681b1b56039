/**
 * The built-in user store: users from configuration (`users[]`, passwords hashed with argon2id at
 * load unless already a PHC string) and users in the store's users table (`sigil users add`).
 * Configuration users win when a username exists in both.
 */
import type { UserInput } from '../config/types.js';
import type { UserRecordStore } from '../stores/types.js';
import { hashPassword, isArgon2idHash, verifyPassword } from './password-hash.js';
import type { UserAccount, UserStore } from './types.js';

interface ConfiguredUser {
  readonly account: UserAccount;
  readonly passwordHash: string;
}

/** Build the default user store. Hashes plain configured passwords once, here. */
export async function createDefaultUserStore(
  users: readonly UserInput[],
  records: UserRecordStore,
): Promise<UserStore> {
  const byName = new Map<string, ConfiguredUser>();
  const bySubject = new Map<string, ConfiguredUser>();
  for (const u of users) {
    const passwordHash = isArgon2idHash(u.password) ? u.password : await hashPassword(u.password);
    const entry = {
      account: { subjectId: u.subjectId, username: u.username, claims: { ...(u.claims ?? {}) } },
      passwordHash,
    };
    byName.set(u.username.toLowerCase(), entry);
    bySubject.set(u.subjectId, entry);
  }

  async function find(username: string): Promise<{ account: UserAccount; passwordHash: string } | undefined> {
    const configured = byName.get(username.toLowerCase());
    if (configured) return configured;
    const r = await records.findByUsername(username);
    return (
      r && { account: { subjectId: r.subjectId, username: r.username, claims: r.claims }, passwordHash: r.passwordHash }
    );
  }

  return {
    async findByUsername(username) {
      return (await find(username))?.account;
    },
    async findBySubject(subjectId) {
      const configured = bySubject.get(subjectId);
      if (configured) return configured.account;
      const r = await records.findBySubject(subjectId);
      return r && { subjectId: r.subjectId, username: r.username, claims: r.claims };
    },
    async validateCredentials(username, password) {
      const user = await find(username);
      return (await verifyPassword(user?.passwordHash, password)) ? user?.account : undefined;
    },
  };
}

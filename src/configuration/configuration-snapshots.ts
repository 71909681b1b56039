/**
 * Holds the current configuration snapshot and replaces it when the store's version changes.
 * Reloads run one at a time; the swap is one reference assignment, so readers never see a mix.
 * A failed reload keeps the current snapshot (the background job logs the failure and retries).
 */
import type { Logger } from 'pino';
import type { ResolvedOptions } from '../config/resolved.js';
import type { ConfigurationStore } from '../stores/types.js';
import { KINDS } from './item-kinds.js';
import { buildSnapshot, type ConfigurationSnapshot, fileSnapshot, type ItemProblem } from './snapshot.js';

/** What a snapshot holder needs. */
export interface SnapshotSource {
  /** The validated file configuration. */
  readonly file: ResolvedOptions;
  /** The store to merge in, or undefined when the configuration store is off. */
  readonly store: ConfigurationStore | undefined;
  readonly extraGrantTypes: ReadonlySet<string>;
  readonly logger: Logger;
}

/**
 * The current snapshot and its reloads.
 *
 * @example
 * ```ts
 * const snapshots = await ConfigurationSnapshots.open({ file, store, extraGrantTypes, logger });
 * snapshots.onChange(() => discovery.invalidate());
 * snapshots.current.clients.find('svc');
 * await snapshots.refresh(); // true when a new snapshot was installed
 * ```
 */
export class ConfigurationSnapshots {
  #current: ConfigurationSnapshot;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<(snapshot: ConfigurationSnapshot) => void>();

  private constructor(
    private readonly source: SnapshotSource,
    initial: ConfigurationSnapshot,
  ) {
    this.#current = initial;
  }

  /** Load the first snapshot. Invalid database items are logged and skipped; a store error rejects. */
  static async open(source: SnapshotSource): Promise<ConfigurationSnapshots> {
    const holder = new ConfigurationSnapshots(source, fileSnapshot(source.file));
    if (source.store) holder.#install(buildSnapshot(source.file, await source.store.load(), source.extraGrantTypes));
    return holder;
  }

  /** The snapshot to read now. */
  get current(): ConfigurationSnapshot {
    return this.#current;
  }

  /** The validated file configuration the snapshots are built on. */
  get file(): ResolvedOptions {
    return this.source.file;
  }

  /** Whether database items are merged in. */
  get enabled(): boolean {
    return this.source.store !== undefined;
  }

  /** Call `listener` after every swap (caches derived from the configuration). */
  onChange(listener: (snapshot: ConfigurationSnapshot) => void): void {
    this.#listeners.add(listener);
  }

  /**
   * Reload if the store's version differs from the current snapshot's. Calls are queued, so a
   * refresh that starts after a save always sees it. Resolves true when a new snapshot was installed.
   */
  refresh(): Promise<boolean> {
    const run = this.#queue.then(() => this.#refreshOnce());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #refreshOnce(): Promise<boolean> {
    const store = this.source.store;
    if (!store) return false;
    if ((await store.version()) === this.#current.version) return false;
    this.#install(buildSnapshot(this.source.file, await store.load(), this.source.extraGrantTypes, this.#current));
    return true;
  }

  #install(next: ConfigurationSnapshot): void {
    const { logger } = this.source;
    const before = new Map(this.#current.problems.map((p) => [`${p.kind}\u0000${p.name}`, text(p)]));
    for (const p of next.problems) {
      if (before.get(`${p.kind}\u0000${p.name}`) === text(p)) continue;
      const what = `${KINDS[p.kind].label} "${p.name}"`;
      const outcome = p.keptLastGood ? 'its last valid version is still served' : 'it is not served';
      logger.error(
        { kind: p.kind, name: p.name, problems: p.problems, keptLastGood: p.keptLastGood },
        `configuration store: ${what} is invalid, ${outcome}: ${p.problems.join('; ')}`,
      );
    }
    for (const w of next.warnings) logger.warn(`configuration store: ${w}`);
    this.#current = next;
    logger.info(
      { version: next.version, items: next.database.size, invalid: next.problems.length },
      'configuration loaded',
    );
    for (const l of this.#listeners) {
      try {
        l(next);
      } catch (err) {
        logger.error({ err }, 'a configuration change listener failed');
      }
    }
  }
}

function text(p: ItemProblem): string {
  return `${p.keptLastGood}\u0000${p.problems.join('\n')}`;
}

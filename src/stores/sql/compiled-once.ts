import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { SigilDb } from './dialect.js';

/** Marks a parameter as a named slot while the query is compiled. */
const SLOT = '\u0000sigil-slot:';

/**
 * A Kysely query built and compiled once, then run with new values for its named slots, for the
 * statements on the token endpoint's hot path: building and compiling a query per call costs more
 * CPU than the round trip on a local database. `build` receives `slot(name)`, a stand-in for a
 * value; every parameter of the compiled query must be a slot.
 *
 * @example
 * ```ts
 * const byKey = new CompiledOnce(db, (slot) => db.selectFrom('persisted_grants').selectAll().where('key', '=', slot('key')));
 * const { rows } = await byKey.execute(db, { key });
 * ```
 */
export class CompiledOnce<S extends string, R> {
  readonly #compiled: CompiledQuery<R>;
  readonly #slots: readonly S[];

  constructor(build: (slot: (name: S) => never) => Compilable<R>) {
    this.#compiled = build((name) => `${SLOT}${name}` as never).compile();
    this.#slots = this.#compiled.parameters.map((p) => {
      if (typeof p !== 'string' || !p.startsWith(SLOT)) throw new Error(`a parameter is not a slot: ${String(p)}`);
      return p.slice(SLOT.length) as S;
    });
  }

  /** Runs the query on `db` (the database or a transaction) with `values` in its slots. */
  execute(db: SigilDb, values: Readonly<Record<S, unknown>>): Promise<QueryResult<R>> {
    return db.executeQuery({ ...this.#compiled, parameters: this.#slots.map((s) => values[s]) });
  }
}

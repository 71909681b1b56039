import { initial } from './001-initial.js';
import { partialGrantIndexes } from './002-partial-grant-indexes.js';
import type { Migration } from './migration.js';

/** Every migration this release knows, in version order (1, 2, 3, ...). Append new ones here. */
export const MIGRATIONS: readonly Migration[] = [initial, partialGrantIndexes];

/** The schema version this release expects: the version of its newest migration. */
export const KNOWN_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]!.version;

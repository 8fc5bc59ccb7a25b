/**
 * `@duckdb/node-api`, an optional peer dependency: loaded when `ecelog sql` runs, with a clear
 * message when absent; and the C API binding it is built on (`@duckdb/node-bindings`, its own
 * dependency at the version it pins), which appends data chunks column by column.
 */
import { createRequire } from 'node:module';
import type * as Duckdb from '@duckdb/node-api';
import type * as Bindings from '@duckdb/node-bindings';

export type DuckdbModule = typeof Duckdb;
export type DuckdbBindings = typeof Bindings;

export const DUCKDB_PACKAGE = '@duckdb/node-api';

/** The module (`name`: which package to load, for tests) and its binding, or an Error saying how to install it. */
export async function loadDuckdb(name = DUCKDB_PACKAGE): Promise<{ duckdb: DuckdbModule; bindings: DuckdbBindings }> {
  try {
    const duckdb = (await import(name)) as DuckdbModule;
    const bindings = createRequire(require.resolve(name))('@duckdb/node-bindings') as DuckdbBindings;
    return { duckdb, bindings };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw e;
    throw new Error(
      `ecelog sql needs DuckDB, an optional peer dependency that is not installed here (${name}): ` +
        `npm install ${DUCKDB_PACKAGE} beside ecelog, on a platform DuckDB supports (Linux, macOS, Windows; x64 or arm64)`,
    );
  }
}

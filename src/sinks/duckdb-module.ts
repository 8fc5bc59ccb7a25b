/** `@duckdb/node-api`, an optional peer dependency: loaded when `ecelog sql` runs, with a clear message when absent. */
import type * as Duckdb from '@duckdb/node-api';

export type DuckdbModule = typeof Duckdb;

export const DUCKDB_PACKAGE = '@duckdb/node-api';

/** The module (`name`: which package to load, for tests), or an Error saying how to install it. */
export async function loadDuckdb(name = DUCKDB_PACKAGE): Promise<DuckdbModule> {
  try {
    return (await import(name)) as DuckdbModule;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw e;
    throw new Error(
      `ecelog sql needs DuckDB, an optional peer dependency that is not installed here (${name}): ` +
        `npm install ${DUCKDB_PACKAGE} beside ecelog, on a platform DuckDB supports (Linux, macOS, Windows; x64 or arm64)`,
    );
  }
}

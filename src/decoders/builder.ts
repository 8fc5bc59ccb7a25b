/**
 * The one generator of event builders. Every decoded event is made by a function compiled here
 * from one object literal with a fixed key order (better-sqlite3's row factory idea): all events
 * of one kind share a hidden class, and the builder stays monomorphic. The record tables of the
 * `@`-logs (record.ts), the custom_logger stages (custom/compile.ts), and the events the text-log
 * decoders build by hand and malformed events (`eventMaker`, `malformedEvent` in log-format.ts) all
 * go through `objectLiteral` and `compileBuilder`, and start with `headerProperties`.
 *
 * Every key is checked when the literal is generated, never while decoding. Keys come from two
 * places (see KeyOrigin): this package's own field names are rejected unless they are plain
 * snake_case names that are not names of Object.prototype; names a user wrote in a format are any
 * string and are emitted so that each becomes an own data property: `__proto__` as the computed
 * key `["__proto__"]`, since a literal `__proto__: v` (or `"__proto__": v`) sets the prototype.
 */

/** One key of a generated object literal and the JavaScript expression of its value. */
export type Property = readonly [key: string, value: string];

/**
 * Who names the keys of a literal. `'ours'`: this package's field names (record columns, the
 * custom_logger specifier table, the event header), which must match FIELD_NAME and must not be a
 * name of Object.prototype (or `prototype`): anything else is a definition error. `'user'`: names
 * from a user's format (`%h{X-Job}`, a macro): any string, each an own data property.
 */
export type KeyOrigin = 'ours' | 'user';

/** A field name of this package: snake_case, so it is also a valid identifier. */
const FIELD_NAME = /^[a-z][a-z0-9_]*$/;

/** Names an event of ours must not have: they would set the prototype or shadow Object.prototype. */
const RESERVED: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const J = JSON.stringify;

/** Whether `key` may name a field of this package (see KeyOrigin). */
export function isFieldName(key: string): boolean {
  return FIELD_NAME.test(key) && !RESERVED.has(key);
}

/** The source of `key` as a property name of an object literal whose keys have the given origin. */
function propertyName(key: string, origin: KeyOrigin): string {
  if (origin === 'ours') return key; // checked by isFieldName: an identifier
  return key === '__proto__' ? `[${J(key)}]` : J(key);
}

/**
 * The source of one object literal holding `props` in their order. Throws (naming `where`, the
 * record or format being defined) when a key is repeated or, for keys of ours, not a field name.
 */
export function objectLiteral(props: readonly Property[], origin: KeyOrigin, where: string): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const [key, value] of props) {
    if (origin === 'ours' && !isFieldName(key)) {
      throw new Error(`${where}: ${J(key)} is not a valid event field name (snake_case, not a name of Object.prototype)`);
    }
    if (seen.has(key)) throw new Error(`${where}: field ${J(key)} appears twice`);
    seen.add(key);
    parts.push(`${propertyName(key, origin)}: ${value}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/** The values of an event header as expressions of the generated code. */
export interface HeaderSource {
  readonly type: string;
  readonly record: string;
  readonly log: string;
  readonly line: string;
  readonly offset: string;
  /** The `timestamp` and `timestamp_us` expressions; null for an event without a time. */
  readonly time: readonly [seconds: string, micros: string] | null;
}

/**
 * The header every event starts with, in this order: `type, record, log, line, offset`, then
 * `timestamp, timestamp_us` when the event has a time (malformed events and custom_logger events
 * without `%t` have none).
 */
export function headerProperties(h: HeaderSource): Property[] {
  const props: Property[] = [
    ['type', h.type],
    ['record', h.record],
    ['log', h.log],
    ['line', h.line],
    ['offset', h.offset],
  ];
  if (h.time !== null) props.push(['timestamp', h.time[0]], ['timestamp_us', h.time[1]]);
  return props;
}

/** Compiles generated code: `body` is the body of a function of `h` that returns the builder; `helpers` is passed as `h`. */
export function compileBuilder<F>(body: string, helpers: object): F {
  // The one place generated code is compiled; its keys were checked by objectLiteral.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  return new Function('h', body)(helpers) as F;
}

/**
 * Compiles a function of `params` that returns one object literal of `props` (keys of ours, values
 * expressions of the parameters): the makers of the events decoders build by hand (log-format.ts).
 */
export function compileMaker<F>(params: readonly string[], props: readonly Property[], where: string): F {
  return compileBuilder<F>(`return function make(${params.join(', ')}) { return ${objectLiteral(props, 'ours', where)}; };`, {});
}

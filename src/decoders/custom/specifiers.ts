import { ALPHABETS, type Alphabet } from './alphabet';
import { strftimeAlphabet } from './strftime';

/**
 * The custom_logger specifier table (spec §10): what each `%` specifier writes, the event field it
 * maps to, how its value is typed, and which bytes it can contain.
 *
 * The byte sets ("alphabets") decide ambiguity at compile time: a field whose alphabet holds a
 * byte of the literal next to it may contain its delimiter, and only one such field per format can
 * be read (it takes what the others leave). They are assumptions about what Momentum writes:
 *
 * | alphabet | bytes | specifiers |
 * |---|---|---|
 * | digits | `0-9` | `%t` `%B` `%N` `%S` `%C` |
 * | decimal | `0-9 .` | `%T` `%T{N}` `%us{N}` |
 * | id | letters, digits, `/ -` | `%i` `%BI` `%CI` `%OC` |
 * | host | letters, digits, `. - _ : [ ]`, non-ASCII | `%H` `%R` `%M` `%d` `%mx` |
 * | name | letters, digits, `. _ - : / +`, non-ASCII | `%g` `%b` `%p` `%P` `%PG` `%A` |
 * | local part | RFC 5321 atext and `.`, non-ASCII; anything inside `"…"` (read quote-aware) | `%r` `%m` |
 * | bounce class name | letters, digits, space, `- :` (the names of spec §8) | `%c` |
 * | stage text | letters, digits, space, `- _` (the descriptions of spec §9) | `%s` |
 * | strftime | the pattern's literal bytes plus what its conversions print | `%t{…}` |
 * | any | every byte | `%n` `%U` `%h{…}` `%vctx_conn{…}` `%vctx_mess{…}`, unknown macros |
 */

/** How a field's text becomes a value. */
export type ValueKind =
  | 'str' // text as logged
  | 'int' // unsigned integer
  | 'dec' // decimal number
  | 'timestamp'; // epoch seconds or microseconds → timestamp, timestamp_us

/** Where the value goes in the event: a top-level field, or a key of one of the object fields. */
export type Group = 'headers' | 'vctx_conn' | 'vctx_mess' | 'macros';

/** One known specifier name. */
export interface SpecifierDef {
  /** The name after `%`, e.g. `BI`. */
  readonly name: string;
  /** Whether it takes a `{…}` argument. */
  readonly arg: 'none' | 'optional' | 'required';
  /** The argument must be a number of decimals (`%T{N}`, `%us{N}`). */
  readonly argIsDigits?: boolean;
  /** The event field (a top-level name, or the group whose key is the argument). */
  readonly field: string | { readonly group: Group };
  readonly kind: ValueKind;
  readonly alphabet: Alphabet;
  /** An address local part: a value starting with `"` is a quoted string that may hold anything. */
  readonly quoted?: boolean;
}

function spec(name: string, field: SpecifierDef['field'], alphabetOf: Alphabet, more: Partial<SpecifierDef> = {}): SpecifierDef {
  return { name, arg: 'none', field, kind: 'str', alphabet: alphabetOf, ...more };
}

const A = ALPHABETS;

/**
 * Every specifier of spec §10. `%t` with a `{strftime}` argument is `time_text` instead, with the
 * alphabet of its pattern (see fieldOf and strftime.ts). Field names are mainlog's where the
 * meaning is the same.
 */
export const SPECIFIERS: readonly SpecifierDef[] = [
  spec('t', 'timestamp', A.digits, { arg: 'optional', kind: 'timestamp' }), // %t{…} → time_text, see fieldOf
  spec('i', 'message_id', A.id),
  spec('BI', 'batch_id', A.id),
  spec('CI', 'connection_id', A.id),
  spec('OC', 'outbound_connection_id', A.id),
  spec('r', 'rcpt_localpart', A.localPart, { quoted: true }),
  spec('R', 'rcpt_domain', A.host),
  spec('m', 'mailfrom_localpart', A.localPart, { quoted: true }),
  spec('M', 'mailfrom_domain', A.host),
  spec('H', 'remote_ip', A.host),
  spec('B', 'size', A.digits, { kind: 'int' }),
  spec('p', 'protocol', A.name),
  spec('g', 'binding_group', A.name),
  spec('b', 'binding', A.name),
  spec('d', 'domain', A.host),
  spec('N', 'retries', A.digits, { kind: 'int' }),
  spec('T', 'queue_time', A.decimal, { arg: 'optional', argIsDigits: true, kind: 'dec' }),
  spec('S', 'stage', A.digits, { kind: 'int' }),
  spec('s', 'stage_text', A.stageText),
  spec('n', 'response', A.any),
  spec('c', 'bounce_class_name', A.bounceClassName),
  spec('C', 'bounce_class', A.digits, { kind: 'int' }),
  spec('A', 'auth_method', A.name),
  spec('U', 'auth_user', A.any),
  spec('P', 'pathway', A.name),
  spec('PG', 'pathway_group', A.name),
  spec('us', 'time_us_text', A.decimal, { arg: 'required', argIsDigits: true }),
  spec('mx', 'mx', A.host),
  spec('h', { group: 'headers' }, A.any, { arg: 'required' }),
  spec('vctx_conn', { group: 'vctx_conn' }, A.any, { arg: 'required' }),
  spec('vctx_mess', { group: 'vctx_mess' }, A.any, { arg: 'required' }),
];

/** The known specifiers by name. */
export const SPECIFIER_BY_NAME: ReadonlyMap<string, SpecifierDef> = new Map(SPECIFIERS.map((s) => [s.name, s]));

/** A specifier of a format resolved to its event field. */
export interface FieldSpec {
  /** As written in the format, e.g. `%h{X-Job}`. */
  readonly source: string;
  /** Top-level event field, or the group of `key`. */
  readonly group: Group | null;
  /** The event field name (group null) or the key inside the group. */
  readonly key: string;
  readonly kind: ValueKind;
  readonly alphabet: Alphabet;
  readonly quoted: boolean;
  /** `%t{…}`: the strftime pattern. */
  readonly strftime: string | null;
}

/**
 * The field a specifier writes. `arg` is its `{…}` argument or null; `macro` is true for a name
 * not in the table (kept under `macros`, by its name and argument as written).
 */
export function fieldOf(name: string, arg: string | null, source: string, macro: boolean): FieldSpec {
  if (macro) {
    const key = arg === null ? name : `${name}{${arg}}`;
    return { source, group: 'macros', key, kind: 'str', alphabet: A.any, quoted: false, strftime: null };
  }
  const def = SPECIFIER_BY_NAME.get(name)!;
  if (name === 't' && arg !== null) {
    return { source, group: null, key: 'time_text', kind: 'str', alphabet: strftimeAlphabet(arg), quoted: false, strftime: arg };
  }
  const group = typeof def.field === 'string' ? null : def.field.group;
  const key = typeof def.field === 'string' ? def.field : arg!;
  return { source, group, key, kind: def.kind, alphabet: def.alphabet, quoted: def.quoted ?? false, strftime: null };
}

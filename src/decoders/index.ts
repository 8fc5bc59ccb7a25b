import type { LogKind, MalformedEvent } from './event';
import type { LogFormat } from './log-format';
import { mainlog, type MainlogEvent, type MainlogTransientFailureEvent } from './mainlog';
import { bouncelog, type BouncelogEvent, type BouncelogTransientFailureEvent } from './bouncelog';
import { bouncelogCl, type BouncelogClEvent } from './custom-bouncelog';
import { fbllog, type FbllogEvent } from './fbllog';
import { rejectlog, type RejectlogEvent } from './rejectlog';
import { paniclog, type PaniclogEvent } from './paniclog';
import { acctlog, type AcctlogEvent } from './acctlog';
import { importlog, type ImportlogEvent } from './importlog';
import { httplog, type HttplogEvent } from './httplog';
import { adaptive, type AdaptiveLogEvent } from './adaptive';
import { eventlog, type EventlogEvent } from './eventlog';
import { policylog, type PolicylogEvent } from './policylog';
import type { CustomEvent } from './custom/compile';

/** The events each log kind yields. `switch (ev.type)` on one of them narrows. */
export interface EventsByLog {
  mainlog: MainlogEvent;
  bouncelog: BouncelogEvent;
  bouncelog_cl: BouncelogClEvent;
  fbllog: FbllogEvent;
  rejectlog: RejectlogEvent;
  paniclog: PaniclogEvent;
  acctlog: AcctlogEvent;
  importlog: ImportlogEvent;
  httplog: HttplogEvent;
  adaptive: AdaptiveLogEvent;
  eventlog: EventlogEvent;
  policylog: PolicylogEvent;
  custom: CustomEvent | MalformedEvent;
}

// The map and the list of kinds in event.ts name the same kinds (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKinds: Same<keyof EventsByLog, LogKind> = true;
void sameKinds;

/** Every event of every log kind. */
export type EcelogEvent = EventsByLog[LogKind];

export type EventType = EcelogEvent['type'];

/** A transient failure, from mainlog or bouncelog (the same record letter, `T`). */
export type TransientFailureEvent = MainlogTransientFailureEvent | BouncelogTransientFailureEvent;

/** Kinds that are written by a user's format string rather than a fixed layout (compileFormats). */
type FormatStringKinds = 'custom';

/** The built-in log kinds by name: every kind the package decodes, but custom_logger files. */
export const FORMATS: { readonly [K in Exclude<LogKind, FormatStringKinds>]: LogFormat<K> } = {
  mainlog,
  bouncelog,
  bouncelog_cl: bouncelogCl,
  fbllog,
  rejectlog,
  paniclog,
  acctlog,
  importlog,
  httplog,
  adaptive,
  eventlog,
  policylog,
};

/**
 * The built-in format of a kind's name, or undefined for any other string: the one lookup by
 * name, so that names of Object.prototype (`toString`, `constructor`) are no kinds.
 */
export function formatOf(name: string): LogFormat | undefined {
  return Object.hasOwn(FORMATS, name) ? (FORMATS as Readonly<Record<string, LogFormat>>)[name] : undefined;
}

/** Names of the built-in log kinds. */
export const LOG_KINDS = Object.keys(FORMATS) as ReadonlyArray<keyof typeof FORMATS>;

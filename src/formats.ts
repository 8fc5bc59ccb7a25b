import type { LogKind } from './events';
import type { LogFormat } from './decoders/line';
import { mainlog } from './decoders/mainlog';
import { bouncelog } from './decoders/bouncelog';
import { bouncelogCl } from './decoders/custom-bouncelog';
import { fbllog } from './decoders/fbllog';
import { rejectlog } from './decoders/rejectlog';
import { paniclog } from './decoders/paniclog';
import { acctlog } from './decoders/acctlog';
import { importlog } from './decoders/importlog';
import { httplog } from './decoders/httplog';
import { adaptive } from './decoders/adaptive';

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
};

/** Names of the built-in log kinds. */
export const LOG_KINDS = Object.keys(FORMATS) as ReadonlyArray<keyof typeof FORMATS>;

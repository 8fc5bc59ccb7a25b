/**
 * `ecelog`: the parser. Scanner and backend, iterators, decoders, detection, custom formats.
 * Files (rotated sets, cluster trees, follow) are in `ecelog/files`; SparkPost conversion in
 * `ecelog/signals`, its transport and agent in `ecelog/signals/agent`.
 */

// Iterators
export { parse, type BufferOptions } from './session/parse';
export { parseStream, parseFile, parseStreamBatches, parseFileBatches, type FileOptions } from './session/stream';
export { Session, type ParseOptions } from './session/session';
export { ParseError } from './session/errors';

// Log kinds, their decoders and events
export { FORMATS, LOG_KINDS, type EventsByLog, type EcelogEvent, type EventType, type TransientFailureEvent } from './decoders/index';
export type { LogFormat, LineDecoder, DecodeOptions } from './decoders/log-format';
export type * from './decoders/event';
export { mainlog, type MainlogEvent } from './decoders/mainlog';
export type * from './decoders/mainlog';
export { bouncelog } from './decoders/bouncelog';
export type * from './decoders/bouncelog';
export {
  bouncelogCl,
  type BouncelogClEvent,
  type BouncelogClBounceEvent,
  type BouncelogClTransientFailureEvent,
} from './decoders/custom-bouncelog';
export { fbllog, type FeedbackEvent, type FbllogEvent } from './decoders/fbllog';
export {
  rejectlog,
  type RejectionEvent,
  type RejectlogHeartbeatEvent,
  type RejectlogContext,
  type RejectlogEvent,
} from './decoders/rejectlog';
export { paniclog, type PanicEvent, type PaniclogEvent } from './decoders/paniclog';
export {
  acctlog,
  splitEndpoint,
  type AcctlogEvent,
  type AuthenticationEvent,
  type AuthTimeoutEvent,
  type AuthorizationEvent,
  type AuthUnknownEvent,
} from './decoders/acctlog';
export { importlog, importResultName, type ImportEvent, type ImportlogEvent, type ImportResultName } from './decoders/importlog';
export { httplog, type HttpRequestEvent, type HttplogEvent } from './decoders/httplog';
export { policylog, type ReceptionTimingEvent, type PolicylogEvent, type ReceptionOutcome } from './decoders/policylog';
export { adaptive, type AdaptiveEvent, type AdaptiveLogEvent } from './decoders/adaptive';
export { eventlog, EVENTLOG_CLASS_OF, EVENTLOG_NUMBERS } from './decoders/eventlog';
export type * from './decoders/eventlog-types';

// custom_logger formats
export * from './decoders/custom/index';

// Detection and vocabulary
export {
  detectLog,
  detectFile,
  hintFromFileName,
  DetectError,
  type DetectOptions,
  type DetectResult,
  type DetectScore,
} from './session/detect';
export { decodeMessageId, NULL_MESSAGE_ID, type DecodedMessageId, type NullMessageId } from './decoders/ids';
export { CONNECTION_STAGES, stageName, isOutOfBandStage, OUT_OF_BAND_STAGE } from './decoders/stages';
export { BOUNCE_CLASSES, bounceClassName, bounceCategory, type BounceCategory } from './decoders/bounce-classes';
export { parseMsysApiHeader, ParseMsysApiError, MAX_CAMPAIGN_ID_BYTES, type MsysApiHeader, type MsysApiOptions } from './decoders/msys-api';

// The zero-copy layer
export { Cursor } from './core/cursor';
export { backend, nativeFlavours, nativeInfo, scan, scanners, type Backend } from './core/backend';
export * from './core/scan-contract';

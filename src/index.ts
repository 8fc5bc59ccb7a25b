// Iterators
export { parse } from './parse';
export { parseStream, parseFile, parseStreamBatches, parseFileBatches, type FileOptions } from './stream';
export { Session, type ParseOptions } from './session';
export { ParseError } from './errors';

// Log kinds and their decoders
export { FORMATS, LOG_KINDS } from './formats';
export type { LogFormat, LineDecoder, DecodeOptions } from './decoders/line';
export { mainlog } from './decoders/mainlog';
export { bouncelog } from './decoders/bouncelog';
export { bouncelogCl, type BouncelogClEvent, type BouncelogClBounceEvent, type BouncelogClTransientFailureEvent } from './decoders/custom-bouncelog';
export { fbllog, type FeedbackEvent, type FbllogEvent } from './decoders/fbllog';
export { rejectlog, type RejectionEvent, type RejectlogHeartbeatEvent, type RejectlogContext, type RejectlogEvent } from './decoders/rejectlog';
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
export { adaptive, type AdaptiveEvent, type AdaptiveLogEvent } from './decoders/adaptive';

// Files: compression, rotated sets, cluster trees, follow mode with checkpoints
export {
  detectCompression,
  CompressedDataError,
  expandGlob,
  listGenerations,
  parseRotated,
  rotatedFiles,
  rotationOrder,
  clusterFiles,
  parseClusterTree,
  fingerprint as fileFingerprint,
  readCheckpoint,
  writeCheckpoint,
  follow,
  type Compression,
  type Generation,
  type FileEvent,
  type ClusterFile,
  type ClusterEvent,
  type ClusterOptions,
  type Checkpoint,
  type CheckpointFile,
  type FollowOptions,
  type FollowBatch,
  type FollowEvent,
  type FollowFields,
  type TruncatedEvent,
  type CheckpointLostEvent,
} from './files/index';

// custom_logger formats
export * from './custom/index';

// Signals: SparkPost events, Ingest batches, spool and uploader, the agent
export * from './signals/index';

// Detection and helpers
export { detectLog, detectFile, hintFromFileName, DetectError, type DetectOptions, type DetectResult, type DetectScore } from './detect';
export { decodeMessageId, NULL_MESSAGE_ID, type DecodedMessageId, type NullMessageId } from './ids';
export { CONNECTION_STAGES, stageName, isOutOfBandStage, OUT_OF_BAND_STAGE } from './stages';
export { BOUNCE_CLASSES, bounceClassName, bounceCategory } from './decoders/bounce-classes';
export { parseMsysApiHeader, ParseMsysApiError, MAX_CAMPAIGN_ID_BYTES, type MsysApiHeader, type MsysApiOptions } from './msys-api';

// The zero-copy layer
export { Cursor } from './cursor';
export { backend, nativeFlavours, nativeInfo, scan, scanners } from './backend';
export * from './scanner/contract';
export type * from './events';

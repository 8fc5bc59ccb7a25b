/**
 * `ecelog/jlog`: jlog directories (Momentum's event_hydrant eventlog, and ec_logger /
 * custom_logger pointed at `jlog://`) read as events, followed as a subscriber or a peeker, and
 * their subscribers managed. See docs/jlog.md.
 */
export { parseJlog, parseJlogBatches, type ParseJlogOptions } from './parse-jlog';
export { followJlog, type FollowJlogOptions, type JlogBatch } from './follow-jlog';
export type { JlogReadOptions } from './open';
export type { JlogEvent, JlogFields, JlogNoteEvent, SegmentMissingEvent, SegmentCorruptEvent } from './events';
export type { JlogMessage } from './payloads';
export { JlogError, type JlogErrorCode } from './errors';
export { readMetastore, formatId, type JlogId, type Metastore } from './format';
export { listJlog, type Listing } from './directory';
export { addSubscriber, removeSubscriber, readSubscriber, checkpointsLocked } from './subscribers';
export { isJlogDir } from './probe';
export { inspectJlog, type JlogInfo, type SegmentInfo, type SubscriberInfo } from './inspect';

/**
 * `ecelog/signals`: Momentum events into SparkPost events (pure: events in, events out; no I/O).
 * Batching, the spool, uploads and the agent are in `ecelog/signals/agent`.
 */
export { SignalsConverter, toSparkPostEvents, milliseconds, type ConvertOptions, type ConvertStats } from './convert';
export { mergeByTime, mergeBatchesByTime } from './merge';
export { EVENTLOG_TYPES, EVENTLOG_ONLY_TYPES, OWN_TRACKING_TYPES, eventlogTypesFor, type OwnTracking } from './eventlog';
export { eventId, derivedMessageId } from './event-id';
export { errorCode, canonicalReason } from './reason';
export { AttributionTable, ATTRIBUTION_LIMITS, rcptHash, subaccountId, type Attribution, type AttributionSource } from './attribution';
export {
  WEBHOOK_TYPE,
  WEBHOOK_OTHER_TYPE,
  eventBody,
  type IngestType,
  type WebhookType,
  type MessageEvent,
  type SparkPostEvent,
  type IngestEvent,
  type OtherEvent,
  type OtherEnvelope,
} from './types';

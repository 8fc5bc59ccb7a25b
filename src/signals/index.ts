export { SignalsConverter, toSparkPostEvents, milliseconds, type ConvertOptions, type ConvertStats } from './convert';
export { mergeByTime } from './merge';
export { eventId, derivedMessageId } from './event-id';
export { errorCode, canonicalReason } from './reason';
export { AttributionTable, ATTRIBUTION_LIMITS, rcptHash, type Attribution, type AttributionSource } from './attribution';
export { WEBHOOK_TYPE, type IngestType, type WebhookType, type MessageEvent, type SparkPostEvent } from './types';
export { Batcher, INGEST_MAX_BYTES, type Batch, type BatcherOptions, type BatcherStats } from './batcher';
export { Spool, spooledEvents, type SpoolOptions } from './spool';
export {
  IngestClient,
  IngestRejectedError,
  IngestGaveUpError,
  INGEST_PATH,
  type IngestClientOptions,
  type SendOptions,
  type SendResult,
  type RetryInfo,
} from './ingest-client';
export { Uploader, type UploaderOptions, type UploaderStats } from './uploader';
export { readApiKey, API_KEY_ENV, API_KEY_FILE_ENV } from './api-key';
export { SignalsAgent, runAgent, type AgentOptions, type AgentFile, type AgentStats } from './agent';
export { convertFiles, eventsWithIds, type ConvertFilesOptions, type ConvertFilesResult } from './offline';

/**
 * `ecelog/signals/agent`: SparkPost Ingest batches, the spool, the uploader and the agent that
 * follows logs into them. The only part of the package that loads an HTTP client.
 */
export { Batcher, INGEST_MAX_BYTES, INGEST_MAX_RAW_BYTES, type Batch, type BatcherOptions, type BatcherStats } from '../transport/batcher';
export {
  Spool,
  spooledEvents,
  spooledAt,
  requeueSetAside,
  SET_ASIDE,
  type SpoolOptions,
  type SentRecord,
  type SetAside,
  type RequeueResult,
} from '../transport/spool';
export {
  IngestClient,
  IngestRejectedError,
  IngestGaveUpError,
  IngestConfigError,
  INGEST_PATH,
  BATCH_STATUS_PATH,
  type BatchStatus,
  type BatchStatusAnswer,
  type IngestClientOptions,
  type SendOptions,
  type SendResult,
  type RetryInfo,
} from '../transport/ingest-client';
export { Uploader, type UploaderOptions, type UploaderStats } from '../transport/uploader';
export { BatchStatusPoller, type BatchStatusOptions, type BatchStatusCounters } from '../transport/batch-status';
export { readApiKey, API_KEY_ENV, API_KEY_FILE_ENV } from '../transport/api-key';
export {
  SignalsAgent,
  runAgent,
  checkAgentPaths,
  statusLine,
  summaryLine,
  type AgentOptions,
  type AgentFile,
  type AgentStats,
  type AgentStatus,
} from './agent';
export { convertFiles, eventsWithIds, eventBatchesWithIds, type ConvertFilesOptions, type ConvertFilesResult } from './offline';

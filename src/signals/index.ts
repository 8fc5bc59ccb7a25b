export { SignalsConverter, toSparkPostEvents, milliseconds, type ConvertOptions, type ConvertStats } from './convert';
export { mergeByTime } from './merge';
export { eventId, derivedMessageId } from './event-id';
export { errorCode, canonicalReason } from './reason';
export { AttributionTable, rcptHash, type Attribution, type AttributionSource } from './attribution';
export { WEBHOOK_TYPE, type IngestType, type WebhookType, type MessageEvent, type SparkPostEvent } from './types';

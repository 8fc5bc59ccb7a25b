/** Files as agents meet them: compressed, rotated, in cluster trees, and followed live. */
export { detectCompression, sniffCompression, contentChunks, fileChunks, type Compression, type ChunkOptions } from '../io/compression';
export { CompressedDataError } from '../io/bzip2';
export { expandGlob, isGlob } from '../io/glob';
export { listGenerations, parseRotated, rotatedFiles, rotationOrder, type Generation, type FileEvent } from './rotated';
export { clusterFiles, parseClusterTree, type ClusterFile, type ClusterEvent, type ClusterOptions } from './cluster';
export { fingerprint } from '../io/fingerprint';
export { readCheckpoint, writeCheckpoint, type Checkpoint, type CheckpointFile } from './checkpoint';
export { follow, type FollowOptions, type FollowBatch } from './follow';
export type { FollowEvent, FollowFields, TruncatedEvent, CheckpointLostEvent } from './follow-events';

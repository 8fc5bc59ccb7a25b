export { parse } from './parse';
export { parseStream, parseFile, type FileOptions } from './stream';
export { Session, type ParseOptions } from './session';
export { Cursor } from './cursor';
export { ParseError } from './errors';
export { backend, nativeInfo, scan, scanners } from './backend';
export { BOUNCE_CLASSES, bounceClassName, bounceCategory } from './decoders/bounce-classes';
export * from './scanner/contract';
export type * from './events';

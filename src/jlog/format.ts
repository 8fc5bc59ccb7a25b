import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JlogError } from './errors';

/**
 * The fixed parts of the jlog format (`docs/jlog.md`): the metastore, record headers, names of
 * segments and checkpoint files. Every integer is in the writing host's byte order; the order is
 * found from the metastore (and, where that cannot tell, from the first record).
 */

/** Record magic of jlog 2.x (uncompressed). */
export const MAGIC_2X = 0x663a7318;
/** Record magic pattern of compressed jlogs; the low byte names the codec (1 = LZ4). */
export const MAGIC_COMPRESSED = 0x15106a00;
export const PROVIDER_LZ4 = 1;

export interface Metastore {
  /** The segment the writer appends to: every segment below it is closed. */
  storageLog: number;
  /** The rollover size in bytes. */
  unitLimit: number;
  /** 0 unsafe, 1 almost safe (the default), 2 safe: checkpoints are synced to disk. */
  safety: number;
  /** What every record header carries first: 0 (legacy), 0x663A7318, or 0x15106A0x (compressed). */
  magic: number;
  /** The metastore is 12 bytes long (jlog 1.x). */
  legacy: boolean;
  littleEndian: boolean;
  /** The byte order could not be told from the metastore alone (safety 0 and magic 0). */
  orderGuessed: boolean;
}

export function isCompressed(magic: number): boolean {
  return (magic & MAGIC_COMPRESSED) >>> 0 === MAGIC_COMPRESSED;
}

/** Bytes of a record header: 16, or 20 when compressed (the compressed length follows). */
export function headerSize(magic: number): number {
  return isCompressed(magic) ? 20 : 16;
}

function plausible(magic: number, safety: number, unitLimit: number): boolean {
  const knownMagic = magic === 0 || magic === MAGIC_2X || isCompressed(magic);
  return knownMagic && safety <= 2 && unitLimit > 0;
}

/** Decodes a metastore's bytes (12 or 16). Throws a JlogError for anything else. */
export function decodeMetastore(buf: Buffer, where: string): Metastore {
  if (buf.length !== 12 && buf.length !== 16)
    throw new JlogError('JLOG_BAD_METASTORE', `${where}: metastore of ${buf.length} bytes (a jlog's is 12 or 16)`);
  const legacy = buf.length === 12;
  const read = (le: boolean): Metastore => {
    const u32 = (o: number): number => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
    return {
      storageLog: u32(0),
      unitLimit: u32(4),
      safety: u32(8),
      magic: legacy ? 0 : u32(12),
      legacy,
      littleEndian: le,
      orderGuessed: false,
    };
  };
  const le = read(true);
  const be = read(false);
  const okLe = plausible(le.magic, le.safety, le.unitLimit);
  const okBe = plausible(be.magic, be.safety, be.unitLimit);
  if (okLe && okBe) {
    // Only safety 0 with magic 0 reads alike both ways: little-endian (x86-64, where Momentum
    // runs) until a record says otherwise (see confirmOrder).
    return { ...le, orderGuessed: le.magic === be.magic };
  }
  if (okLe) return le;
  if (okBe) return be;
  throw new JlogError(
    'JLOG_BAD_METASTORE',
    `${where}: not a jlog metastore (magic 0x${le.magic.toString(16)}, safety ${le.safety}, unit limit ${le.unitLimit})`,
  );
}

/** Reads and decodes `dir/metastore`. */
export async function readMetastore(dir: string): Promise<Metastore> {
  const path = join(dir, 'metastore');
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new JlogError('JLOG_NOT_A_JLOG', `${dir}: not a jlog directory (no metastore)`);
    throw err;
  }
  return decodeMetastore(buf, path);
}

/**
 * Settles a guessed byte order from the first record header of a segment (`head`, at least one
 * header long; `size` the segment's size): the order in which the length fits the segment and the
 * time is a plausible one. Returns the metastore unchanged when nothing tells.
 */
export function confirmOrder(meta: Metastore, head: Buffer, size: number): Metastore {
  if (!meta.orderGuessed || head.length < 16) return meta;
  const fits = (le: boolean): boolean => {
    const u32 = (o: number): number => (le ? head.readUInt32LE(o) : head.readUInt32BE(o));
    return 16 + u32(12) <= size && u32(8) < 1_000_000;
  };
  const le = fits(true);
  const be = fits(false);
  if (le === be) return meta;
  return { ...meta, littleEndian: le, orderGuessed: false };
}

const SEGMENT_NAME = /^[0-9a-fA-F]{8}$/;
const CP_NAME = /^cp\.((?:[0-9a-f]{2})+)$/;

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A segment's file name, and the jlog text form of a number: 8 lowercase hex digits. */
export function segmentName(n: number): string {
  return HEX_BYTE[n >>> 24]! + HEX_BYTE[(n >>> 16) & 255]! + HEX_BYTE[(n >>> 8) & 255]! + HEX_BYTE[n & 255]!;
}

/** The segment number a directory entry names, or -1. */
export function parseSegmentName(name: string): number {
  return SEGMENT_NAME.test(name) ? parseInt(name, 16) : -1;
}

/** A subscriber's checkpoint file name: `cp.` and the name's bytes in lowercase hex. */
export function checkpointName(subscriber: string): string {
  return 'cp.' + Buffer.from(subscriber, 'utf8').toString('hex');
}

/** The subscriber a directory entry is the checkpoint of, or null. */
export function parseCheckpointName(name: string): string | null {
  const m = CP_NAME.exec(name);
  return m ? Buffer.from(m[1]!, 'hex').toString('utf8') : null;
}

/** A position in a jlog: segment number and 1-based record ordinal (0: before the first). */
export interface JlogId {
  log: number;
  marker: number;
}

/** The text form every jlog tool uses: `%08x:%08x`. */
export function formatId(id: JlogId): string {
  return segmentName(id.log) + ':' + segmentName(id.marker);
}

export function compareIds(a: JlogId, b: JlogId): number {
  return a.log - b.log || a.marker - b.marker;
}

import type { RecordDecoder } from './record';
import { defineRecord } from './record';
import { atLogFormat } from './at-log';
import { ids2, ids4, layoutPositions } from './layouts';
import type { HeartbeatEvent, MalformedEvent, MessageIds, RecordBase } from './event';

/** mainlog `R`. */
export interface ReceptionEvent extends RecordBase, MessageIds {
  type: 'reception';
  record: 'R';
  log: 'mainlog';
  rcpt_localpart: string;
  rcpt_domain: string;
  /** Empty for the null sender `<>`. */
  mailfrom_localpart: string;
  mailfrom_domain: string;
  /** Client IP (v4 or v6), or `unknown` for HTTP (REST) injections. */
  remote_ip: string;
  size: number;
  /** `esmtp`, `ecstream`, `rest`, `xfer`, `internal`, `xfr` or any other value as logged. */
  protocol: string;
  /** `null` in the 2.1 layout. */
  binding_group: string | null;
  binding: string;
}

/** mainlog `D` (delivery) and `X` (transfer to a cluster peer): the same layout. */
export interface DeliveryFields extends RecordBase, MessageIds {
  log: 'mainlog';
  /** Destination (routing) domain. */
  domain: string;
  size: number;
  /** `null` in the 2.1 layout. */
  binding_group: string | null;
  binding: string;
  retries: number;
  /** Decimal seconds from reception. */
  queue_time: number;
  /** `null` in the 2.1 layout. */
  remote_ip: string | null;
}
export interface DeliveryEvent extends DeliveryFields {
  type: 'delivery';
  record: 'D';
}
export interface TransferEvent extends DeliveryFields {
  type: 'transfer';
  record: 'X';
}

/** mainlog `T` and `P`. */
export interface MainlogFailureFields extends RecordBase, MessageIds {
  log: 'mainlog';
  domain: string;
  /** 0 when no connection could be made. */
  bytes_transferred: number;
  /** `null` in the 2.1 layout. */
  binding_group: string | null;
  binding: string;
  /** Connection stage code (spec §9). */
  stage: number;
  retries: number;
  queue_time: number;
  /** May be empty when no connection was made; `null` in the 2.1 layout. */
  remote_ip: string | null;
  /** Free text to the end of the line (may contain `@`). */
  response: string;
}

export interface MainlogTransientFailureEvent extends MainlogFailureFields {
  type: 'transient_failure';
  record: 'T';
}
export interface PermanentFailureEvent extends MainlogFailureFields {
  type: 'permanent_failure';
  record: 'P';
}

export type MainlogEvent =
  ReceptionEvent | DeliveryEvent | TransferEvent | MainlogTransientFailureEvent | PermanentFailureEvent | HeartbeatEvent | MalformedEvent;

/** mainlog (ec_logger): R, D, X, T, P and heartbeats; 3.x/4.x layout and the 2.2/2.1 layouts. */

// R — reception.
const R4 = defineRecord({
  type: 'reception',
  record: 'R',
  log: 'mainlog',
  layout: '4',
  fields: 14,
  columns: [
    ...ids4,
    ['rcpt_localpart', 5, 'quoted'],
    ['rcpt_domain', 6],
    ['mailfrom_localpart', 7, 'quoted'],
    ['mailfrom_domain', 8],
    ['remote_ip', 9],
    ['size', 10, 'int'],
    ['protocol', 11],
    ['binding_group', 12],
    ['binding', 13],
  ],
});
const R22 = defineRecord({
  type: 'reception',
  record: 'R',
  log: 'mainlog',
  layout: '2.2',
  fields: 12,
  columns: [
    ...ids2,
    ['rcpt_localpart', 3, 'quoted'],
    ['rcpt_domain', 4],
    ['mailfrom_localpart', 5, 'quoted'],
    ['mailfrom_domain', 6],
    ['remote_ip', 7],
    ['size', 8, 'int'],
    ['protocol', 9],
    ['binding_group', 10],
    ['binding', 11],
  ],
});
const R21 = defineRecord({
  type: 'reception',
  record: 'R',
  log: 'mainlog',
  layout: '2.1',
  fields: 11,
  columns: [
    ...ids2,
    ['rcpt_localpart', 3, 'quoted'],
    ['rcpt_domain', 4],
    ['mailfrom_localpart', 5, 'quoted'],
    ['mailfrom_domain', 6],
    ['remote_ip', 7],
    ['size', 8, 'int'],
    ['protocol', 9],
    ['binding_group', null],
    ['binding', 10],
  ],
});

// D — delivery, X — transfer: the same layout.
function delivery(type: 'delivery' | 'transfer', record: 'D' | 'X'): RecordDecoder[] {
  return [
    defineRecord({
      type,
      record,
      log: 'mainlog',
      layout: '4',
      fields: 12,
      columns: [
        ...ids4,
        ['domain', 5],
        ['size', 6, 'int'],
        ['binding_group', 7],
        ['binding', 8],
        ['retries', 9, 'int'],
        ['queue_time', 10, 'dec'],
        ['remote_ip', 11],
      ],
    }),
    defineRecord({
      type,
      record,
      log: 'mainlog',
      layout: '2.2',
      fields: 10,
      columns: [
        ...ids2,
        ['domain', 3],
        ['size', 4, 'int'],
        ['binding_group', 5],
        ['binding', 6],
        ['retries', 7, 'int'],
        ['queue_time', 8, 'dec'],
        ['remote_ip', 9],
      ],
    }),
    defineRecord({
      type,
      record,
      log: 'mainlog',
      layout: '2.1',
      fields: 8,
      columns: [
        ...ids2,
        ['domain', 3],
        ['size', 4, 'int'],
        ['binding_group', null],
        ['binding', 5],
        ['retries', 6, 'int'],
        ['queue_time', 7, 'dec'],
        ['remote_ip', null],
      ],
    }),
  ];
}

// T — transient failure, P — permanent failure: the same layout, free-text response last.
function failure(type: 'transient_failure' | 'permanent_failure', record: 'T' | 'P'): RecordDecoder[] {
  return [
    defineRecord({
      type,
      record,
      log: 'mainlog',
      layout: '4',
      fields: 14,
      freeText: true,
      columns: [
        ...ids4,
        ['domain', 5],
        ['bytes_transferred', 6, 'int'],
        ['binding_group', 7],
        ['binding', 8],
        ['stage', 9, 'int'],
        ['retries', 10, 'int'],
        ['queue_time', 11, 'dec'],
        ['remote_ip', 12],
        ['response', 13],
      ],
    }),
    defineRecord({
      type,
      record,
      log: 'mainlog',
      layout: '2.2',
      fields: 12,
      freeText: true,
      columns: [
        ...ids2,
        ['domain', 3],
        ['bytes_transferred', 4, 'int'],
        ['binding_group', 5],
        ['binding', 6],
        ['stage', 7, 'int'],
        ['retries', 8, 'int'],
        ['queue_time', 9, 'dec'],
        ['remote_ip', 10],
        ['response', 11],
      ],
    }),
    defineRecord({
      type,
      record,
      log: 'mainlog',
      layout: '2.1',
      fields: 10,
      freeText: true,
      columns: [
        ...ids2,
        ['domain', 3],
        ['bytes_transferred', 4, 'int'],
        ['binding_group', null],
        ['binding', 5],
        ['stage', 6, 'int'],
        ['retries', 7, 'int'],
        ['queue_time', 8, 'dec'],
        ['remote_ip', null],
        ['response', 9],
      ],
    }),
  ];
}

export const mainlog = atLogFormat({
  log: 'mainlog',
  positions: layoutPositions('mainlog', [
    ['R', [R4, R22, R21]],
    ['D', delivery('delivery', 'D')],
    ['X', delivery('transfer', 'X')],
    ['T', failure('transient_failure', 'T')],
    ['P', failure('permanent_failure', 'P')],
  ]),
});

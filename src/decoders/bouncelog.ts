import type { Column, RecordDecoder } from './record';
import { defineRecord } from './record';
import { atLogFormat } from './at-log';
import { ids2, ids4, layoutPositions } from './layouts';
import type { HeartbeatEvent, MalformedEvent, MessageIds, RecordBase } from './event';
import type { BounceCategory } from './bounce-classes';

/** bouncelog `B` and `T`. */
export interface BouncelogFields extends RecordBase, MessageIds {
  log: 'bouncelog';
  rcpt_localpart: string;
  rcpt_domain: string;
  mailfrom_localpart: string;
  mailfrom_domain: string;
  /** May be empty; `null` in the 2.1 layout. */
  binding_group: string | null;
  binding: string;
  stage: number;
  bounce_class: number;
  /** Name of the bounce class (spec §8); `Unknown` for a code outside the table. */
  bounce_class_name: string;
  /** Hard, Soft, Block, Admin or Undetermined (also for unknown codes). */
  bounce_category: BounceCategory;
  /** `null` in the 2.x layouts. */
  size: number | null;
  /** `null` in the 2.1 layout. */
  remote_ip: string | null;
  response: string;
}

export interface BouncelogTransientFailureEvent extends BouncelogFields {
  type: 'transient_failure';
  record: 'T';
}
/** bouncelog `B`: in-band, or out-of-band when `stage` is 21. */
export interface BounceEvent extends BouncelogFields {
  type: 'bounce';
  record: 'B';
  out_of_band: boolean;
}

export type BouncelogEvent = BounceEvent | BouncelogTransientFailureEvent | HeartbeatEvent | MalformedEvent;

/**
 * bouncelog (bounce_logger): B (in-band and out-of-band bounces; stage 21 is out-of-band), T and
 * heartbeats. 3.x/4.x layout (16 fields, response last) and the 2.2/2.1 layouts.
 */

const addresses = (at: number): Column[] => [
  ['rcpt_localpart', at, 'quoted'],
  ['rcpt_domain', at + 1],
  ['mailfrom_localpart', at + 2, 'quoted'],
  ['mailfrom_domain', at + 3],
];
const bounceClass = (at: number): Column[] => [
  ['bounce_class', at, 'int'],
  ['bounce_class_name', at, 'class_name'],
  ['bounce_category', at, 'class_category'],
];

export function records(type: 'bounce' | 'transient_failure', record: 'B' | 'T'): RecordDecoder[] {
  const oob = (stage: number): Column[] => (type === 'bounce' ? [['out_of_band', stage, 'out_of_band']] : []);
  return [
    defineRecord({
      type,
      record,
      log: 'bouncelog',
      layout: '4',
      fields: 16,
      freeText: true,
      columns: [
        ...ids4,
        ...addresses(5),
        ['binding_group', 9],
        ['binding', 10],
        ['stage', 11, 'int'],
        ...bounceClass(12),
        ['size', 13, 'int'],
        ['remote_ip', 14],
        ['response', 15],
        ...oob(11),
      ],
    }),
    defineRecord({
      type,
      record,
      log: 'bouncelog',
      layout: '2.2',
      fields: 13,
      freeText: true,
      columns: [
        ...ids2,
        ...addresses(3),
        ['binding_group', 7],
        ['binding', 8],
        ['stage', 9, 'int'],
        ...bounceClass(10),
        ['size', null],
        ['remote_ip', 11],
        ['response', 12],
        ...oob(9),
      ],
    }),
    defineRecord({
      type,
      record,
      log: 'bouncelog',
      layout: '2.1',
      fields: 11,
      freeText: true,
      columns: [
        ...ids2,
        ...addresses(3),
        ['binding_group', null],
        ['binding', 7],
        ['stage', 8, 'int'],
        ...bounceClass(9),
        ['size', null],
        ['remote_ip', null],
        ['response', 10],
        ...oob(8),
      ],
    }),
  ];
}

export const bouncelog = atLogFormat({
  log: 'bouncelog',
  positions: layoutPositions('bouncelog', [
    ['B', records('bounce', 'B')],
    ['T', records('transient_failure', 'T')],
  ]),
});

/** Hard, Soft, Block, Admin or Undetermined: SparkPost's bounce categories (spec §8). */
export type BounceCategory = 'Hard' | 'Soft' | 'Block' | 'Admin' | 'Undetermined';

/** Momentum's bounce classification codes (spec §8). */
export const BOUNCE_CLASSES: ReadonlyMap<number, { name: string; category: BounceCategory }> = new Map([
  [1, { name: 'Undetermined', category: 'Undetermined' }],
  [10, { name: 'Invalid Recipient', category: 'Hard' }],
  [20, { name: 'Soft Bounce', category: 'Soft' }],
  [21, { name: 'DNS Failure', category: 'Soft' }],
  [22, { name: 'Mailbox Full', category: 'Soft' }],
  [23, { name: 'Too Large', category: 'Soft' }],
  [24, { name: 'Timeout', category: 'Soft' }],
  [25, { name: 'Admin Failure', category: 'Admin' }],
  [30, { name: 'Generic Bounce: No RCPT', category: 'Hard' }],
  [40, { name: 'Generic Bounce', category: 'Soft' }],
  [50, { name: 'Mail Block', category: 'Block' }],
  [51, { name: 'Spam Block', category: 'Block' }],
  [52, { name: 'Spam Content', category: 'Block' }],
  [53, { name: 'Prohibited Attachment', category: 'Block' }],
  [54, { name: 'Relaying Denied', category: 'Block' }],
  [60, { name: 'Auto-Reply', category: 'Soft' }],
  [70, { name: 'Transient Failure', category: 'Soft' }],
  [80, { name: 'Subscribe', category: 'Admin' }],
  [90, { name: 'Unsubscribe', category: 'Hard' }],
  [100, { name: 'Challenge-Response', category: 'Soft' }],
]);

/** Name of a bounce class; `Unknown` for a code outside the table (sites may add their own). */
export function bounceClassName(code: number): string {
  return BOUNCE_CLASSES.get(code)?.name ?? 'Unknown';
}

/** Category of a bounce class; `Undetermined` for a code outside the table. */
export function bounceCategory(code: number): BounceCategory {
  return BOUNCE_CLASSES.get(code)?.category ?? 'Undetermined';
}

/** Connection stage 21 marks an out-of-band bounce (spec §9). */
export const OUT_OF_BAND_STAGE = 21;

import { OUT_OF_BAND_STAGE } from './bounce-classes';

/**
 * Momentum's connection stage codes (spec §9): the `stage` field of mainlog `T`/`P` and bouncelog
 * `B`/`T` records. The names are the manual's wording, so they read after "failed ...":
 * `failed during MAIL FROM`. Stage 21 is not a connection stage but the mark of an out-of-band
 * bounce (see `isOutOfBandStage`).
 */
export const CONNECTION_STAGES: ReadonlyMap<number, string> = new Map([
  [0, 'while not connected'],
  [1, 'while idle'],
  [2, 'during MAIL FROM'],
  [3, 'after MAIL FROM'],
  [4, 'during RCPT TO'],
  [5, 'after RCPT TO'],
  [6, 'during DATA'],
  [7, 'after DATA'],
  [8, 'while sending BODY'],
  [9, 'reading confirmation'],
  [10, 'during EHLO'],
  [11, 'after EHLO'],
  [12, 'reading BANNER'],
  [13, 'during RSET'],
  [14, 'after RSET'],
  [15, 'during STARTTLS'],
  [16, 'after STARTTLS'],
  [17, 'handshaking TLS'],
  [18, 'renegotiating TLS'],
  [19, 'during XCLIENT'],
  [20, 'after XCLIENT'],
  [OUT_OF_BAND_STAGE, 'out of band bounce'],
  [22, 'in unknown state'],
]);

/**
 * The name of a connection stage code, or `undefined` for a code outside the table (nothing is
 * made up for it; note that 22, "in unknown state", is a code of the table).
 */
export function stageName(stage: number): string | undefined {
  return CONNECTION_STAGES.get(stage);
}

/** Whether a stage code marks an out-of-band bounce (21) rather than a connection stage. */
export function isOutOfBandStage(stage: number): boolean {
  return stage === OUT_OF_BAND_STAGE;
}

export { OUT_OF_BAND_STAGE };

/**
 * One fast-check seed for a whole vitest run, printed at the start so a failure found anywhere
 * (the differential test under qemu included) can be replayed: ECELOG_FC_SEED=N npx vitest run.
 * vitest.config.mts runs this file as its globalSetup (chooses and prints the seed, before the
 * test processes start, which inherit it) and as a setup file (gives it to fast-check).
 */
import fc from 'fast-check';

function chosenSeed(): number {
  const given = process.env.ECELOG_FC_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed)) throw new Error(`ECELOG_FC_SEED must be an integer, not ${given}`);
    return seed;
  }
  return Math.floor(Math.random() * 0x7fffffff);
}

/** globalSetup: runs once, in the main vitest process. */
export default function setup(): void {
  process.env.ECELOG_FC_SEED = String(chosenSeed());
  console.log(`fast-check seed ${process.env.ECELOG_FC_SEED} (replay with ECELOG_FC_SEED=${process.env.ECELOG_FC_SEED})`);
}

// As a setup file: every test process uses the seed its parent chose.
if (process.env.VITEST_WORKER_ID !== undefined) fc.configureGlobal({ seed: chosenSeed() });

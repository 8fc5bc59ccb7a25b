import { afterAll, describe, expect, test } from 'vitest';
import { BACKENDS } from './backends';
import { killAll, runOnce } from './fixtures/torture/run';

/**
 * The follow torture run (test/fixtures/torture/run.js) under load: a writer at ~18,000 lines/s,
 * ec_rotate rotations with lines written late through the old descriptor and bzip2, the follower
 * SIGKILLed and restarted at random, a CPU-bound process beside it. Bounded here
 * (ECELOG_TORTURE_SECONDS, default 15, per run); longer and repeated runs: `npm run torture`.
 * Needs dist/ (npm test builds it first): the follower processes run the compiled code.
 */

const SECONDS = Number(process.env.ECELOG_TORTURE_SECONDS ?? 15);
const seed = Number(process.env.ECELOG_TORTURE_SEED ?? Date.now() % 1_000_000_000);
const TIMEOUT = (SECONDS + 90) * 1000;
// A run that timed out leaves no process behind.
afterAll(killAll);

describe.each(BACKENDS)('follow torture, %s backend', (backend) => {
  test(
    'follow(): every line on disk delivered, repeats only of the uncommitted batch, ids stable, order kept',
    async () => {
      const { report, problems } = await runOnce({ seed, seconds: SECONDS, mode: 'library', backend, load: true, batchSize: 1000 });
      console.log(`follow torture: ${JSON.stringify(report)}`);
      expect(problems, `seed ${seed} (ECELOG_TORTURE_SEED)`).toEqual([]);
      expect(report.delivered).toBeGreaterThan(SECONDS * 5_000);
      // (Every run has a kill with a rotation in between and a rotation under a running follower.)
      expect(report.killRotations).toBeGreaterThanOrEqual(1);
      expect(report.rotations).toBeGreaterThan(report.killRotations);
    },
    TIMEOUT,
  );
});

describe('follow torture, the CLI', () => {
  test(
    'ecelog follow: every line on disk delivered, repeats only after a kill, ids stable, order kept',
    async () => {
      const { report, problems } = await runOnce({ seed: seed + 1, seconds: SECONDS, mode: 'cli', backend: BACKENDS[0]!, load: true });
      console.log(`follow torture (CLI): ${JSON.stringify(report)}`);
      expect(problems, `seed ${seed + 1} (ECELOG_TORTURE_SEED + 1)`).toEqual([]);
      expect(report.delivered).toBeGreaterThan(SECONDS * 5_000);
      expect(report.killRotations).toBeGreaterThanOrEqual(1);
      expect(report.rotations).toBeGreaterThan(report.killRotations);
    },
    TIMEOUT,
  );
});

/** The longest timer Node keeps (a longer one fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A wait that `wake()` ends early. A wake with no one waiting is kept: the next wait ends at once,
 * so a wake between a look at the work and the wait is never lost.
 */
export class Wakeup {
  private woken = false;
  private done: (() => void) | null = null;

  wake(): void {
    this.woken = true;
    this.done?.();
  }

  /** Resolves at a wake (at once when one came since the last wait), after `ms`, or when `signal` aborts. */
  wait(signal: AbortSignal | undefined, ms = Infinity): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        this.done = null;
        this.woken = false;
        resolve();
      };
      if (this.woken || signal?.aborted) return finish();
      this.done = finish;
      signal?.addEventListener('abort', finish, { once: true });
      if (ms < Infinity) timer = setTimeout(finish, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
    });
  }
}

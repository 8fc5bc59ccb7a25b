import { stat } from 'node:fs/promises';
import { requeueSetAside, SET_ASIDE, type RequeueResult, type SetAside } from '../signals/transport/spool';

/**
 * `ecelog signals resend DIR`: the batches the agent set aside in the spool DIR — `rejected/`
 * (refused by SparkPost) and `unconfirmed/` (no outcome after every resend) — go back to its send
 * queue, after the queue, without their `.why.txt`. A running agent sends them with its queue;
 * otherwise its next start does. Prints one line: how many batches and events, from where.
 */
export async function signalsResend(
  dir: string,
  options: { from?: readonly SetAside[]; print?: (line: string) => void; now?: () => number } = {},
): Promise<RequeueResult> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new Error(`ecelog: ${dir} is not a spool directory`);
  const from = options.from ?? SET_ASIDE;
  const result = await requeueSetAside(dir, { from, now: options.now });
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const where = from.map((d) => `${result.from[d]} from ${d}/`).join(', ');
  print(
    result.batches === 0
      ? `ecelog signals resend: nothing set aside in ${dir} (${from.map((d) => `${d}/`).join(', ')})`
      : `ecelog signals resend: ${result.batches} batches (${result.events} events) back in the send queue of ${dir} (${where}); the agent sends them`,
  );
  return result;
}

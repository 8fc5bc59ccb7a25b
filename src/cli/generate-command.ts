import { generate } from '../generator/generate';
import { Output } from './writers';
import { UsageError, str, type Command } from './command';

/** `ecelog generate`: realistic sample mainlog or bouncelog lines, the same for the same seed. */
export const command: Command = {
  usage: `Usage: ecelog generate [options]

  --messages N      how many messages (default 100)
  --log KIND        mainlog (default) or bouncelog lines
  --seed N          the random seed (default 1: the same lines every time)
  --hires           16-digit microsecond timestamps`,
  options: { messages: { type: 'string' }, log: { type: 'string' }, seed: { type: 'string' }, hires: { type: 'boolean' } },
  async run(args, v) {
    if (args.length > 0) throw new UsageError('generate takes no FILE (it writes to standard output)');
    const messages = Number(str(v, 'messages') ?? 100);
    const seed = Number(str(v, 'seed') ?? 1);
    if (!Number.isInteger(messages) || messages < 1) throw new UsageError('--messages must be a positive integer');
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
    const log = str(v, 'log') ?? 'mainlog';
    if (log !== 'mainlog' && log !== 'bouncelog') throw new UsageError('generate writes mainlog or bouncelog lines');
    const out = new Output();
    for (const line of generate({ seed, messages, hires: v.hires === true })) if (line.log === log) await out.write(`${line.text}\n`);
    await out.flush();
    return 0;
  },
};

import { parseArgs } from 'node:util';
import { renderReport } from './report.ts';
import { runSoak } from './soak.ts';

/** `pnpm soak [--seconds 60] [--conversations 400] [--seed N]`: exits 1 on any violation. */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    conversations: { type: 'string', default: '400' },
    seed: { type: 'string' },
  },
});
const opts = {
  seconds: Number(values.seconds),
  conversations: Number(values.conversations),
  seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed),
};
if (![opts.seconds, opts.conversations, opts.seed].every(Number.isFinite) || opts.seconds <= 0 || opts.conversations <= 0) {
  process.stderr.write('usage: pnpm soak [--seconds N] [--conversations N] [--seed N]\n');
  process.exit(2);
}
process.stderr.write(`soak: seed ${opts.seed} (replay with --seed ${opts.seed})\n`);
const result = await runSoak({ ...opts, log: (line) => process.stderr.write(`soak: ${line}\n`) });
process.stdout.write(`${renderReport(opts, result)}\n`);
process.exit(result.violations.length ? 1 : 0);

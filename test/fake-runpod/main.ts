/**
 * `npm run fake-api`: runs the fake RunPod API until SIGINT/SIGTERM. The flags, and what it prints,
 * are commandLine.ts's.
 */
import { parseArgs, serve, USAGE, type CommandLine } from './commandLine';

async function main(): Promise<void> {
  let line: CommandLine;
  try {
    line = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fake RunPod: ${(err as Error).message}\n`);
    process.exit(2);
  }
  if (line.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const served = await serve(line.options, line.accounts);
  process.stdout.write(served.lines.map((l) => `${l}\n`).join(''));
  const stop = () => {
    served.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});

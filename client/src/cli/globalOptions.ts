/**
 * Options every command takes, wherever they stand on the line: `--account NAME`, `--profile NAME`
 * and `--verbose`. run() takes them out before a command parses the rest (strictly, as before), so
 * `runpod-check --account prod secrets list` and `runpod-check secrets list --account prod` agree.
 */
import { UsageError } from './errors';
import type { KeyOptions } from './keySource';

export interface GlobalOptions extends KeyOptions {
  /** Say on stderr where the API key came from (never the key). */
  verbose: boolean;
  /** Keys this run resolved: run()'s last-line redaction covers them whatever their source. */
  resolvedKeys: string[];
  /** Where this run's key came from (keySource.ts): a rejected key's message names it. */
  keySource?: string;
}

const VALUED = ['--account', '--profile'] as const;

/**
 * Splits `argv` into the global options and the rest. Arguments after `--` are left alone.
 * @throws UsageError for a missing value or an option given twice (the value is never repeated)
 */
export function takeGlobalOptions(argv: readonly string[]): { options: GlobalOptions; rest: string[] } {
  const options: GlobalOptions = { verbose: false, resolvedKeys: [] };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--verbose') {
      options.verbose = true;
      continue;
    }
    const name = VALUED.find((option) => arg === option || arg.startsWith(`${option}=`));
    if (!name) {
      rest.push(arg);
      continue;
    }
    let value: string | undefined;
    if (arg.length > name.length) value = arg.slice(name.length + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) throw new UsageError(`option ${name} needs a value`);
      i++;
    }
    const field = name === '--account' ? 'account' : 'profile';
    if (options[field] !== undefined) throw new UsageError(`option ${name} is given twice`);
    if (value.trim() === '') throw new UsageError(`option ${name} needs a value`);
    options[field] = value.trim();
  }
  return { options, rest };
}

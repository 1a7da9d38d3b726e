/**
 * The account guard of the commands that send an environment's files to RunPod (`pods launch`,
 * `endpoints deploy`, `endpoints update`): they take `--environment` and `--environment-account`
 * as `check` does, and refuse a file of another account's environment before anything is sent
 * (check/accounts.ts refuseOtherAccountInput).
 */
import { strs, type Parsed } from './args';
import { apiConfig, type ApiConfig } from './client';
import { refuseOtherAccountInput } from './check/accounts';
import { environmentOptions } from './check/environments';
import type { Io } from './io';

/**
 * The run's API settings, once every input file given has passed the guard.
 * @param inputs each input file and the flag that named it (an absent one is skipped)
 * @throws UsageError for a malformed --environment/--environment-account; CliError (exit 1) for another account's file
 */
export function guardedApiConfig(parsed: Parsed, io: Io, command: string, inputs: readonly (readonly [file: string | undefined, flag: string])[]): ApiConfig {
  const declarations = environmentOptions(strs(parsed, 'environment'), command, strs(parsed, 'environment-account'), io.stderr);
  const config = apiConfig(io);
  for (const [file, flag] of inputs) if (file !== undefined) refuseOtherAccountInput(file, flag, io.cwd, declarations, config.account);
  return config;
}

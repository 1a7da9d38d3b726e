/**
 * The account guard of the commands that send an environment's files to RunPod (`pods launch`,
 * `endpoints deploy`, `endpoints update`): they take `--environment` and `--environment-account`
 * as `check` does, and refuse a file of another account's environment before anything is sent
 * (check/accounts.ts otherAccountInput). The same declarations say which environment the
 * files are for, whose secrets the checks warn of (environmentVars.ts inputEnvironment).
 */
import { flag, strs, type Parsed } from './args';
import { apiConfig, type ApiConfig } from './client';
import { otherAccountInput } from './check/accounts';
import { refusalDocument } from './preflightReport';
import { resourceJson } from './resourceJson';
import { environmentOptions } from './check/environments';
import { inputEnvironment, type SharedEnvFiles } from './environmentVars';
import type { TargetEnvironment } from '../launch/checks';
import { accountRefusal } from '../launch/environmentChoice';
import { CliError, EXIT } from './errors';
import type { Io } from './io';
import { homeOf } from '../homeFolder';

/** The input files of a launch, deploy or update; an absent one is skipped. */
export interface InputFiles {
  templateFile?: string | undefined;
  varsFile?: string | undefined;
}

/**
 * The run's API settings, once every input file given has passed the guard, the environment the
 * files are for (undefined when they are no environment's), and the env files --vars-file's
 * environments share (readEnvironmentVars merges them under it).
 * @throws UsageError for a malformed --environment/--environment-account; CliError (exit 1) for another account's file, or an env file
 *   of another environment than the template file's that runs under another account (under --json said on stdout too)
 */
export function guardedInputs(parsed: Parsed, io: Io, command: string, inputs: InputFiles): { config: ApiConfig; environment: TargetEnvironment | undefined; shared: SharedEnvFiles | undefined } {
  const declarations = environmentOptions(strs(parsed, 'environment'), command, strs(parsed, 'environment-account'), io.stderr);
  const config = apiConfig(io);
  const flags = [
    [inputs.templateFile, '--template-file'],
    [inputs.varsFile, '--vars-file'],
  ] as const;
  for (const [file, input] of flags) {
    const other = file === undefined ? undefined : otherAccountInput(file, input, io.cwd, declarations, config.account);
    if (!other) continue;
    // --json: the refusal is a document too, as the preflight's are (preflightReport.ts refusalDocument).
    if (flag(parsed, 'json')) io.stdout(resourceJson(refusalDocument([], [{ reason: 'other-account', input, environment: other.environment, account: other.account }])));
    throw other.error;
  }
  const { target, shared, chosen } = inputEnvironment(io.cwd, declarations, inputs, { home: homeOf(io.env) });
  // Each file may be its account's and the pair still not: prod's template with dev's env file runs
  // prod under dev's account rules. The editor's refusal of the pair (accountRefusal), its words.
  const template = chosen?.templateEnvironment;
  if (chosen && template) {
    if (flag(parsed, 'json')) io.stdout(resourceJson(refusalDocument([], [{ reason: 'other-environment', input: '--vars-file', environment: chosen.name, templateEnvironment: template.name }])));
    throw new CliError(accountRefusal(chosen, { active: config.account ?? '', has: () => false })!.message, EXIT.findings);
  }
  return { config, environment: target, shared };
}

/**
 * The commands of runpod-check and what `--account` (also RUNPOD_ACCOUNT, or `--profile`) chooses
 * for each: the API key its calls use, or only the account's name (`envs compare` sends nothing).
 * run() dispatches only the commands here, after taking `--account` off the line for them
 * (globalOptions.ts); their help says the options of every command, or, for those that use the
 * name alone, the help says --account itself. One table, so help and parsing cannot disagree.
 */
import { CHOOSES_ACCOUNT, CHOOSES_KEY, type AccountUse } from './keySource';

export const ACCOUNT_CHOOSES = {
  check: CHOOSES_KEY,
  secrets: CHOOSES_KEY,
  templates: CHOOSES_KEY,
  gpus: CHOOSES_KEY,
  pods: CHOOSES_KEY,
  endpoints: CHOOSES_KEY,
  envs: CHOOSES_ACCOUNT,
} as const satisfies Record<string, AccountUse>;

export type Command = keyof typeof ACCOUNT_CHOOSES;

/** True for a command run() dispatches (`secrets`, not `secrets create`). */
export function isCommand(name: string | undefined): name is Command {
  return name !== undefined && Object.hasOwn(ACCOUNT_CHOOSES, name);
}

/** What --account chooses for `command` (`secrets create` as `secrets`); undefined for no command of runpod-check. */
export function accountUse(command: string): AccountUse | undefined {
  const group = command.split(' ')[0];
  return isCommand(group) ? ACCOUNT_CHOOSES[group] : undefined;
}

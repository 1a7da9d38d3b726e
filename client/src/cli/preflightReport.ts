/**
 * The command line's answer to a failed preflight (pods launch, endpoints deploy/update): the
 * editor's checks (launch/checks.ts checkEnv) on the final env, printed as one line per reference
 * that would reach the container unresolved, by key and secret name, and the variable count when
 * it is over RunPod's limit; then what to do. Nothing is created or changed when this prints.
 */
import { count } from '../../../server/src/template/counts';
import { ENV_KEY_RULE, isEnvKey } from '../../../server/src/template/index';
import { checkEnv, isClear, tooManyMessage, type CheckTarget } from '../launch/checks';
import type { Env } from '../launch/plan';
import type { Io } from './io';
import { sanitize } from './table';

/**
 * Runs the editor's blocking checks of `env` against the account's `secretNames` and prints what blocks.
 * @param verb what was refused (`launch`, `deploy`, `update`)
 * @param target what would boot with the placeholder (`the Pod`, `the workers`)
 * @param sent the env the request itself carries, whose keys are judged (checkEnv's `sent`)
 * @returns true when nothing blocks
 */
export function preflightPasses(io: Io, env: Readonly<Env>, secretNames: Iterable<string>, verb: string, target: CheckTarget, sent: Readonly<Env> = env): boolean {
  const report = checkEnv(env, secretNames, [], sent);
  const { blocking, tooMany, invalidKeys } = report;
  if (isClear(report)) return true;
  if (tooMany) io.stderr(`Refusing to ${verb}: ${tooManyMessage(tooMany, target)}\n`);
  // The key is not printed: it may be a value. The readers refuse these by line first; this is what reaches the request otherwise.
  for (const k of invalidKeys ?? []) io.stderr(`Refusing to ${verb}: a variable name: ${sanitize(k.message)}\n`);
  if (blocking.length > 0) {
    io.stderr(`Refusing to ${verb}: ${count(blocking.length, 'secret reference')} would reach ${target} unresolved:\n`);
    // An invalid key may itself be a value (a URL with a password before a `=`): not printed.
    for (const p of blocking) {
      // The close name the editor's checks offer to replace a typo with.
      const hint = p.suggestion ? ` Did you mean "${sanitize(p.suggestion)}"?` : '';
      io.stderr(`  ${isEnvKey(p.key) ? p.key : '(invalid name)'}: ${p.reason}${p.name ? ` "${sanitize(p.name)}"` : ''}: ${sanitize(p.message)}${hint}\n`);
    }
    io.stderr(`Create the missing secrets (\`runpod-check secrets create NAME\`) or fix the references, then ${verb} again.\n`);
  } else io.stderr(`${invalidKeys ? `Rename the variables (${ENV_KEY_RULE})` : 'Remove variables'}, then ${verb} again.\n`);
  return false;
}

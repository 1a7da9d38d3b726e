/**
 * The command line's answer to a failed secret preflight (pods launch, endpoints deploy/update): one
 * line per reference that would reach the container unresolved, by key and secret name, then what
 * to do. Nothing is created or changed when this prints.
 */
import { closestSecretName, isEnvKey } from '../../../server/src/template/index';
import { preflight, type Env } from '../launch/plan';
import type { Io } from './io';
import { sanitize } from './table';

/**
 * Runs the preflight of `env` against the account's `secretNames` and prints its problems.
 * @param verb what was refused (`launch`, `deploy`, `update`)
 * @param target what would boot with the placeholder (`the Pod`, `the workers`)
 * @returns true when nothing blocks
 */
export function preflightPasses(io: Io, env: Readonly<Env>, secretNames: Iterable<string>, verb: string, target: string): boolean {
  const names = [...secretNames];
  const problems = preflight(env, names);
  if (problems.length === 0) return true;
  io.stderr(`Refusing to ${verb}: ${problems.length} secret reference${problems.length === 1 ? '' : 's'} would reach ${target} unresolved:\n`);
  // An invalid key may itself be a value (a URL with a password before a `=`): not printed.
  for (const p of problems) {
    // The close name the editor's checks offer to replace a typo with (the core's closestSecretName).
    const suggestion = p.reason === 'unknown' ? closestSecretName(p.name, names) : undefined;
    const hint = suggestion ? ` Did you mean "${sanitize(suggestion)}"?` : '';
    io.stderr(`  ${isEnvKey(p.key) ? p.key : '(invalid name)'}: ${p.reason}${p.name ? ` "${sanitize(p.name)}"` : ''}: ${sanitize(p.message)}${hint}\n`);
  }
  io.stderr(`Create the missing secrets (\`runpod-check secrets create NAME\`) or fix the references, then ${verb} again.\n`);
  return false;
}

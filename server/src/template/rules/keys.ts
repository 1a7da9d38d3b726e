/** Rules about variable keys: invalid-key, duplicate-key, too-many-variables. */
import type { EnvVariable } from '../types';
import type { RuleContext } from './context';

/** A Pod accepts at most this many environment variables. */
export const MAX_POD_ENV_VARIABLES = 50;

/** `^[A-Za-z_][A-Za-z0-9_]*$` without a regular expression. */
export function isValidEnvKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

function shown(key: string): string {
  const k = key.length > 60 ? `${key.slice(0, 60)}…` : key;
  return k.includes('`') ? `"${k}"` : `\`${k}\``;
}

export function keyRules(ctx: RuleContext): void {
  const first = new Map<string, EnvVariable>();
  let distinct = 0;
  const vars = ctx.variables;
  for (let i = 0; i < vars.length; i++) {
    const v = vars[i]!;
    if (!isValidEnvKey(v.key)) {
      ctx.problems.push({
        code: 'invalid-key',
        span: v.keySpan,
        message:
          v.key.length === 0
            ? 'Missing variable name before `=`.'
            : `${shown(v.key)} is not a valid variable name: use letters, digits and "_", not starting with a digit.`,
        severity: 'error',
      });
    }
    const earlier = first.get(v.key);
    if (earlier) {
      ctx.problems.push({
        code: 'duplicate-key',
        span: v.keySpan,
        message: `${shown(v.key)} is already defined; only one value reaches the Pod.`,
        severity: 'warning',
        related: [{ span: earlier.keySpan, message: `First definition of ${shown(v.key)}` }],
      });
      continue;
    }
    first.set(v.key, v);
    distinct++;
    if (distinct === MAX_POD_ENV_VARIABLES + 1) {
      // Reported once, on the first variable over the limit; the count covers the whole document.
      const all = new Set(first.keys());
      for (let k = i + 1; k < vars.length; k++) all.add(vars[k]!.key);
      const total = all.size;
      ctx.problems.push({
        code: 'too-many-variables',
        span: v.keySpan,
        message: `A Pod takes at most ${MAX_POD_ENV_VARIABLES} environment variables; this file defines ${total}.`,
        severity: 'warning',
      });
    }
  }
}

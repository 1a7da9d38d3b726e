/**
 * What a container booting now gets for its env, for serverless workers as for Pods: each
 * reference RunPod substitutes becomes the secret's value (substitution.ts, the fake's statement
 * of the rule), a missing secret stays literal. The values live in memory only.
 */
import type { Ctx } from './context';
import { substituteReferences } from './substitution';

/** @returns the env the container sees and the sorted names that did not resolve */
export function resolveEnv(ctx: Ctx, env: Readonly<Record<string, string>>): { env: Record<string, string>; unresolved: string[] } {
  const values = new Map<string, string>();
  for (const secret of ctx.store.state.secrets) values.set(secret.name, ctx.store.vault.open(secret.value, secret.id));
  const unresolved = new Set<string>();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const booted = substituteReferences(value, (name) => values.get(name));
    out[key] = booted.value;
    for (const name of booted.unresolved) unresolved.add(name);
  }
  return { env: out, unresolved: [...unresolved].sort() };
}

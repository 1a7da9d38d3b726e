/**
 * The `--json` document of the account's resources (Pods, endpoints, templates, alone, in lists or
 * in results): RunPod echoes back each env as it was sent, so a credential someone wrote in plain
 * text (the value hardcoded-credential flags in a file) would reach a CI log. Its value is replaced
 * by `[redacted]`, as the launch's own document replaces it (preflightReport.ts); references and
 * other plain values stay, they are what a script reads. Every `env` is judged, whatever its shape:
 * an object (a non-string value among the strings is kept as it is) or a list of {key, value}.
 */
import { checkEnvEntries } from '../../../server/src/template/envEntries';
import { keyLabel } from '../../../server/src/template/index';
import { REDACTED } from '../runpod/index';

/** How a variable's name is printed: a key outside the env-key rule may be a value pasted there, so never itself (keyLabel, as the outline names it). */
export const shownKey = keyLabel;

/** `value` as pretty JSON and a line break, every `env`'s plain credentials redacted. */
export function resourceJson(value: unknown): string {
  return `${JSON.stringify(value, (key, member: unknown) => (key === 'env' ? withoutCredentials(member) : member), 2)}\n`;
}

function withoutCredentials(env: unknown): unknown {
  if (Array.isArray(env)) return env.map((entry: unknown) => (isKeyValue(entry) ? { ...entry, key: shownKey(entry.key), value: redacted(entry.key, entry.value) } : entry));
  if (typeof env !== 'object' || env === null) return env;
  const out: [string, unknown][] = [];
  const used = new Set<string>();
  for (const [key, v] of Object.entries(env)) {
    // Two invalid (or empty) names would be one key: numbered, so no entry is lost.
    let shown = shownKey(key);
    const label = shown;
    for (let n = 2; used.has(shown); n++) shown = `${label.slice(0, -1)} ${n})`;
    used.add(shown);
    out.push([shown, redacted(key, v)]);
  }
  // fromEntries defines each key as data: a key named `__proto__` stays a key.
  return Object.fromEntries(out);
}

/** The value, or REDACTED when it is a plain credential (the hardcoded-credential rule). */
function redacted(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return checkEnvEntries(Object.fromEntries([[key, value]])).some((e) => e.credential) ? REDACTED : value;
}

function isKeyValue(entry: unknown): entry is { key: string; value: unknown } {
  return typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string' && 'value' in entry;
}

/**
 * The `--json` document of the account's resources (Pods, endpoints, templates, alone, in lists or
 * in results): RunPod echoes back each env as it was sent, so a credential someone wrote in plain
 * text (the value hardcoded-credential flags in a file) would reach a CI log. Its value is replaced
 * by `[redacted]`, as the launch's own document replaces it (preflightReport.ts); references and
 * other plain values stay, they are what a script reads.
 */
import { checkEnvEntries } from '../../../server/src/template/envEntries';
import { REDACTED } from '../runpod/index';

/** `value` as pretty JSON and a line break, every `env` object's plain credentials redacted. */
export function resourceJson(value: unknown): string {
  return `${JSON.stringify(value, (key, member: unknown) => (key === 'env' && isStringRecord(member) ? withoutCredentials(member) : member), 2)}\n`;
}

function withoutCredentials(env: Readonly<Record<string, string>>): Record<string, string> {
  const credentials = new Set(checkEnvEntries(env).filter((e) => e.credential).map((e) => e.key));
  // fromEntries defines each key as data: a key named `__proto__` stays a key.
  return Object.fromEntries(Object.entries(env).map(([key, v]) => [key, credentials.has(key) ? REDACTED : v]));
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

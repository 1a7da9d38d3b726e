/** Shared data for protocol tests: a secret list as the extension would send it. Fake names only. */
import type { Diagnostic } from 'vscode-languageserver/node';
import type { SecretsChangedParams } from '../../server/src/protocol';

export const SECRETS: SecretsChangedParams['secrets'] = [
  { name: 'hf-token', description: 'Hugging Face read token', createdAt: '2026-09-01T12:00:00Z', valueLastUpdatedAt: '2026-09-02T08:00:00Z' },
  { name: 'db_password', description: null, createdAt: '2026-08-01T00:00:00Z', valueLastUpdatedAt: null },
];

export const FRESH: SecretsChangedParams = { state: 'fresh', secrets: SECRETS, fetchedAt: '2026-11-20T10:00:00Z' };
export const STALE: SecretsChangedParams = { state: 'stale', secrets: SECRETS, fetchedAt: '2026-11-20T10:00:00Z' };
export const UNKNOWN: SecretsChangedParams = { state: 'unknown', secrets: [] };

/** A fake Hugging Face token shape (`hf_` + 34 random-looking letters and digits), not a real credential. */
export const FAKE_HF_TOKEN = `hf_${'aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3zQ'.slice(0, 34)}`;

let counter = 0;
/** A fresh document URI per test, so tests on one server do not see each other's documents. */
export function uri(name: string): string {
  counter++;
  return `file:///work/project${counter}/${name}`;
}

/** A value with no problem on line 0, a typo on line 1 (unknown-secret), a good reference on line 2. */
export const TYPO_TEXT = 'MODEL=meta-llama/Llama-3-8B\nHF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\nDB={{ RUNPOD_SECRET_db_password }}\n';

export const unknownSecrets = (diagnostics: readonly Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.code === 'unknown-secret');

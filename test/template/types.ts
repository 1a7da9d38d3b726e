/** Test-side re-exports and catalog builders. */
import type { SecretCatalog, SecretInfo } from '../../server/src/template';

export type { Analysis, Span, SecretCatalog, Problem } from '../../server/src/template';
export type CatalogSecrets = SecretInfo[];

export const SECRETS: SecretInfo[] = [
  { name: 'hf-token', description: 'Hugging Face *read* token <org>', createdAt: '2026-09-01T12:00:00Z', valueLastUpdatedAt: '2026-10-02T08:30:00Z' },
  { name: 'HF_TOKEN_WRITE', description: null, createdAt: '2026-09-03T00:00:00Z', valueLastUpdatedAt: null },
  { name: 'db/password', description: 'Postgres', createdAt: '2026-08-01T00:00:00Z' },
  { name: 'wandb_key' },
];

export const fresh: SecretCatalog = { state: 'fresh', secrets: SECRETS, fetchedAt: '2026-11-20T10:00:00Z' };
export const stale: SecretCatalog = { state: 'stale', secrets: SECRETS, fetchedAt: '2026-11-19T09:15:00Z' };
export const unknown: SecretCatalog = { state: 'unknown', secrets: [] };

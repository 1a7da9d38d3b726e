/**
 * The metadata of a secret the language server (and the CLI's check) may know: name, description
 * and dates, copied field by field so nothing else an API answer carried (never a value, but who
 * knows what a future API adds) crosses to the server. Pure.
 */
import type { SecretMetadata } from '../../../server/src/protocol';
import type { Secret } from '../runpod/types';

export function toSecretMetadata(secret: Secret): SecretMetadata {
  return {
    name: secret.name,
    description: secret.description,
    createdAt: secret.createdAt,
    valueLastUpdatedAt: secret.valueLastUpdatedAt,
  };
}

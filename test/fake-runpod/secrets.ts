/**
 * `/v2/account/secrets`: metadata-only responses (the value is write-only), RunPod's name rules,
 * size limits and unique names. Values are sealed before they reach the state.
 */
import type { Secret } from '../../client/src/runpod/types';
import type { Ctx, Handler } from './context';
import { randomId, isoSeconds } from './ids';
import { notFound, ProblemError, validationError } from './problem';
import type { StoredSecret } from './store';
import { nullable, parseBody, type Check } from './validate';
import { SECRET_DESCRIPTION_MAX_BYTES, SECRET_NAME_MAX_CHARS, SECRET_VALUE_MAX_BYTES } from './limits';

export const SECRET_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.\-/]*$/;

export const secretName: Check = (value, field, errors) => {
  if (typeof value !== 'string') return void errors.push(`${field}: must be a string`);
  if (value.length < 1) errors.push(`${field}: must be at least 1 character`);
  if (value.length > SECRET_NAME_MAX_CHARS) errors.push(`${field}: must be at most ${SECRET_NAME_MAX_CHARS} characters`);
  if (value.length > 0 && !SECRET_NAME_PATTERN.test(value)) {
    errors.push(`${field}: must start with a letter or "_" and contain only letters, digits, "_", ".", "-" and "/"`);
  }
  if (/^runpod/i.test(value)) errors.push(`${field}: names starting with "RUNPOD" (in any case) are reserved`);
};

export const secretValue: Check = (value, field, errors) => {
  if (typeof value !== 'string') return void errors.push(`${field}: must be a string`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < 1) errors.push(`${field}: must be at least 1 byte`);
  if (bytes >= SECRET_VALUE_MAX_BYTES) errors.push(valueTooLarge(field));
};

const MIB = 1024 * 1024;

/**
 * The refusal of a value of `maxBytes` or more, worked out from the limit (limits.ts) so the text
 * cannot name an old one: in MiB and bytes when it is whole MiB (`16 MiB (16777216 bytes)`), else in bytes.
 */
export function valueTooLarge(field: string, maxBytes = SECRET_VALUE_MAX_BYTES): string {
  const size = maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB (${maxBytes} bytes)` : `${maxBytes} bytes`;
  return `${field}: must be smaller than ${size} of UTF-8`;
}

export const description: Check = nullable((value, field, errors) => {
  if (typeof value !== 'string') return void errors.push(`${field}: must be a string`);
  if (Buffer.byteLength(value, 'utf8') > SECRET_DESCRIPTION_MAX_BYTES) errors.push(`${field}: must be at most ${SECRET_DESCRIPTION_MAX_BYTES} bytes of UTF-8`);
});

/** The public shape: never the value. */
export function toSecret(stored: StoredSecret): Secret {
  return {
    id: stored.id,
    name: stored.name,
    createdAt: stored.createdAt,
    description: stored.description,
    valueLastUpdatedAt: stored.valueLastUpdatedAt,
  };
}

function find(ctx: Ctx, id: string): StoredSecret {
  const secret = ctx.store.state.secrets.find((s) => s.id === id);
  if (!secret) throw notFound('secret', id);
  return secret;
}

/** Adds a secret (also used by seeding); throws 409 on a duplicate name. */
export function addSecret(ctx: Ctx, input: { name: string; value: string; description?: string | null }): StoredSecret {
  if (ctx.store.state.secrets.some((s) => s.name === input.name)) {
    throw new ProblemError(409, `a secret named ${JSON.stringify(input.name)} already exists; names are unique and cannot be reused until it is deleted`);
  }
  const ids = new Set(ctx.store.state.secrets.map((s) => s.id));
  let id = randomId(12);
  while (ids.has(id)) id = randomId(12);
  const now = isoSeconds(ctx.now());
  const stored: StoredSecret = {
    id,
    name: input.name,
    createdAt: now,
    description: input.description ? input.description : null,
    valueLastUpdatedAt: now,
    value: ctx.store.vault.seal(input.value, id),
  };
  ctx.store.state.secrets.push(stored);
  return stored;
}

export const listSecrets: Handler = (ctx) => ({ status: 200, body: { secrets: ctx.store.state.secrets.map(toSecret) } });

export const getSecret: Handler = (ctx, [id]) => ({ status: 200, body: toSecret(find(ctx, id!)) });

export const createSecret: Handler = (ctx, _params, body) => {
  const input = parseBody<{ name: string; value: string; description?: string | null }>(body, {
    name: { required: true, check: secretName },
    value: { required: true, check: secretValue },
    description: { check: description },
  });
  const stored = addSecret(ctx, input);
  ctx.store.commit();
  return { status: 201, body: toSecret(stored) };
};

export const updateSecret: Handler = (ctx, [id], body) => {
  const secret = find(ctx, id!);
  const patch = parseBody<{ value?: string; description?: string | null }>(body, {
    value: { check: secretValue },
    description: { check: description },
  });
  if (patch.value === undefined && patch.description === undefined) {
    throw validationError(['body: give at least one of value, description']);
  }
  if (patch.value !== undefined) {
    secret.value = ctx.store.vault.seal(patch.value, secret.id);
    secret.valueLastUpdatedAt = isoSeconds(ctx.now());
  }
  if (patch.description !== undefined) secret.description = patch.description ? patch.description : null;
  ctx.store.commit();
  return { status: 200, body: toSecret(secret) };
};

export const deleteSecret: Handler = (ctx, [id]) => {
  const secret = find(ctx, id!);
  ctx.store.state.secrets = ctx.store.state.secrets.filter((s) => s !== secret);
  ctx.store.commit();
  return { status: 204 };
};

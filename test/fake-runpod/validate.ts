/**
 * A small strict-schema checker for request bodies: like RunPod v2, unknown fields are rejected
 * (422) and every problem is reported as `field: rule`. Messages never quote submitted values,
 * since a value may be a secret.
 */
import { validationError } from './problem';
import { LIST_ITEMS_MAX } from './limits';

/** Appends errors for `value` at `field`; `value` is never undefined here. */
export type Check = (value: unknown, field: string, errors: string[]) => void;

export interface FieldSpec {
  required?: boolean;
  check: Check;
}

export type Schema = Record<string, FieldSpec>;

/** Validates `body` against `schema`, throwing a 422 listing every problem; returns it typed. */
export function parseBody<T>(body: unknown, schema: Schema, prefix = ''): T {
  const errors: string[] = [];
  checkObject(body, schema, prefix, errors);
  if (errors.length > 0) throw validationError(errors);
  return body as T;
}

function checkObject(value: unknown, schema: Schema, prefix: string, errors: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`${prefix || 'body'}: must be a JSON object`);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(schema, key)) errors.push(`${prefix}${key}: unknown field`);
  }
  for (const [key, spec] of Object.entries(schema)) {
    const field = `${prefix}${key}`;
    if (record[key] === undefined) {
      if (spec.required) errors.push(`${field}: is required`);
      continue;
    }
    spec.check(record[key], field, errors);
  }
}

/** A nested object with its own strict schema. */
export function object(schema: Schema): Check {
  return (value, field, errors) => checkObject(value, schema, `${field}.`, errors);
}

export function string(options: { min?: number; max?: number; pattern?: RegExp; patternHint?: string } = {}): Check {
  return (value, field, errors) => {
    if (typeof value !== 'string') return void errors.push(`${field}: must be a string`);
    if (options.min !== undefined && value.length < options.min) errors.push(`${field}: must be at least ${options.min} character(s)`);
    if (options.max !== undefined && value.length > options.max) errors.push(`${field}: must be at most ${options.max} characters`);
    if (options.pattern && value.length > 0 && !options.pattern.test(value)) errors.push(`${field}: ${options.patternHint ?? `must match ${options.pattern.source}`}`);
  };
}

export const boolean: Check = (value, field, errors) => {
  if (typeof value !== 'boolean') errors.push(`${field}: must be a boolean`);
};

export function integer(min: number, max = Number.MAX_SAFE_INTEGER): Check {
  return (value, field, errors) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return void errors.push(`${field}: must be an integer`);
    if (value < min || value > max) errors.push(`${field}: must be between ${min} and ${max}`);
  };
}

export function oneOf(values: readonly string[]): Check {
  return (value, field, errors) => {
    if (typeof value !== 'string' || !values.includes(value)) errors.push(`${field}: must be one of ${values.join(', ')}`);
  };
}

export function nullable(check: Check): Check {
  return (value, field, errors) => {
    if (value !== null) check(value, field, errors);
  };
}

export function arrayOf(item: Check, maxItems = LIST_ITEMS_MAX): Check {
  return (value, field, errors) => {
    if (!Array.isArray(value)) return void errors.push(`${field}: must be an array`);
    if (value.length > maxItems) errors.push(`${field}: must have at most ${maxItems} items`);
    value.forEach((entry, i) => item(entry, `${field}[${i}]`, errors));
  };
}

/** Any JSON object (shape not documented by RunPod, e.g. `cpu`). */
export const anyObject: Check = (value, field, errors) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) errors.push(`${field}: must be an object`);
};

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Environment variables: an object of string to string, keys shell-like, at most `maxKeys`. */
export function envObject(maxKeys: number): Check {
  return (value, field, errors) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return void errors.push(`${field}: must be an object of string values`);
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > maxKeys) errors.push(`${field}: at most ${maxKeys} environment variables are allowed`);
    for (const [key, entry] of entries) {
      if (!ENV_KEY.test(key) || key === '__proto__') errors.push(`${field}.${key}: invalid environment variable name`);
      if (typeof entry !== 'string') errors.push(`${field}.${key}: must be a string`);
    }
  };
}

/**
 * `8888/http`, `22/tcp`: a port number from 1 to 65535 written without leading zeros, and one of
 * the two protocols RunPod documents (runpod-api.md shows only these; `udp` is not documented).
 */
export const port: Check = (value, field, errors) => {
  const [number, protocol, ...rest] = typeof value === 'string' ? value.split('/') : [];
  const n = Number(number);
  const ok = rest.length === 0 && (protocol === 'http' || protocol === 'tcp') && /^[1-9]\d*$/.test(number ?? '') && n <= 65535;
  if (!ok) errors.push(`${field}: must look like "8888/http" or "22/tcp" (a port from 1 to 65535)`);
};

/**
 * Validation of what the user types when creating or editing a secret: name (shared rule plus
 * duplicates), value size, description size. Pure; the input boxes call these on every keystroke.
 */
import {
  isSecretDescriptionAcceptable,
  SECRET_DESCRIPTION_MAX_BYTES,
  SECRET_VALUE_LIMIT_TEXT,
  secretValueProblem,
  validateSecretName,
} from '../../../server/src/template/names';

/** A validation result the input box can show; `warning` lets the user go on. */
export interface InputProblem {
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Checks a new secret's name: the shared name rule (the same one the language server uses), then
 * duplicates among the known secrets. Names are case-sensitive, so another case is allowed but warned.
 */
export function validateNewSecretName(name: string, existingNames: Iterable<string>): InputProblem | undefined {
  const ruleMessage = validateSecretName(name);
  if (ruleMessage) return { message: ruleMessage, severity: 'error' };
  const folded = name.toLowerCase();
  let similar: string | undefined;
  for (const existing of existingNames) {
    if (existing === name) return { message: `A secret named ${name} already exists. Choose another name, or edit that secret's value.`, severity: 'error' };
    if (existing.toLowerCase() === folded) similar = existing;
  }
  if (similar !== undefined) {
    return { message: `A secret named ${similar} exists; names are case-sensitive, so this creates a second one.`, severity: 'warning' };
  }
  return undefined;
}

/** Checks a typed value: non-empty and under RunPod's size limit. Never echoes the value. */
export function validateSecretValue(value: string): string | undefined {
  const problem = secretValueProblem(value);
  if (problem === 'empty') return 'Enter a value (it cannot be empty).';
  if (problem === 'too-large') return `The value must be smaller than ${SECRET_VALUE_LIMIT_TEXT}.`;
  return undefined;
}

/** Checks a description: at most 65,535 bytes of UTF-8; empty is allowed (none / clears). */
export function validateDescription(description: string): string | undefined {
  return isSecretDescriptionAcceptable(description) ? undefined : `The description must be at most ${SECRET_DESCRIPTION_MAX_BYTES.toLocaleString('en-US')} bytes.`;
}

/** Why a file of `size` bytes cannot be a secret value (before reading it), or undefined. Never includes content. */
export function valueFileSizeProblem(size: number): string | undefined {
  const problem = secretValueProblem(size);
  if (problem === 'empty') return 'The file is empty; a secret value needs at least one byte.';
  if (problem === 'too-large') return `The file is too large: a secret value must be smaller than ${SECRET_VALUE_LIMIT_TEXT}.`;
  return undefined;
}

/** Decodes a value file's bytes, or says why it cannot be a secret value. Never includes content. */
export function decodeValueFile(bytes: Uint8Array): { value: string } | { error: string } {
  const size = valueFileSizeProblem(bytes.byteLength);
  if (size) return { error: size };
  let value: string;
  try {
    value = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'The file is not UTF-8 text; RunPod secret values are text. Encode binary content (for example base64) first.' };
  }
  // (TextDecoder drops a leading byte-order mark: an encoding artefact, not part of a key.)
  if (value.length === 0) return { error: 'The file is empty; a secret value needs at least one byte.' };
  return { value };
}

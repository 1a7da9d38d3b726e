/**
 * Validation of what the user types when creating or editing a secret: name (shared rule plus
 * duplicates), value size, description size. Pure; the input boxes call these on every keystroke.
 */
import { validateSecretName } from '../../../server/src/template/names';

/** RunPod's limit: a value must be strictly under 16 MiB of UTF-8. */
export const MAX_VALUE_BYTES = 16 * 1024 * 1024;
/** RunPod's limit on a description, in UTF-8 bytes. */
export const MAX_DESCRIPTION_BYTES = 65_535;

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

/** Size of a string in UTF-8 bytes, without allocating a buffer. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Checks a typed value: non-empty and under RunPod's size limit. Never echoes the value. */
export function validateSecretValue(value: string): string | undefined {
  if (value.length === 0) return 'Enter a value (it cannot be empty).';
  if (utf8Length(value) >= MAX_VALUE_BYTES) return 'The value must be smaller than 16 MiB.';
  return undefined;
}

/** Checks a description: at most 65,535 bytes of UTF-8; empty is allowed (none / clears). */
export function validateDescription(description: string): string | undefined {
  return utf8Length(description) > MAX_DESCRIPTION_BYTES ? 'The description must be at most 65,535 bytes.' : undefined;
}

/** Decodes a value file's bytes, or says why it cannot be a secret value. Never includes content. */
export function decodeValueFile(bytes: Uint8Array): { value: string } | { error: string } {
  if (bytes.byteLength === 0) return { error: 'The file is empty; a secret value needs at least one byte.' };
  if (bytes.byteLength >= MAX_VALUE_BYTES) return { error: 'The file is too large: a secret value must be smaller than 16 MiB.' };
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

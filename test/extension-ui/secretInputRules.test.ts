import { describe, expect, it } from 'vitest';
import { SECRET_VALUE_MAX_BYTES as MAX_VALUE_BYTES } from '../../server/src/template/names';
import {
  decodeValueFile,
  typedValue,
  validateDescription,
  validateNewSecretName,
  validateRenameTarget,
  validateSecretValue,
  valueFileRefusal,
  valueFileSizeProblem,
} from '../../client/src/commands/secretInputRules';
import { VALUE_FILES } from '../helpers/valueFiles';
import { extractValue } from '../../client/src/commands/createFromValueLogic';

describe('new secret name', () => {
  const existing = ['hf-token', 'db/password'];

  it('accepts a valid, unused name', () => {
    expect(validateNewSecretName('openai_key', existing)).toBeUndefined();
    expect(validateNewSecretName('hf-token2', existing)).toBeUndefined();
  });

  it.each([
    ['', /cannot be empty/],
    ['1abc', /must start with an ASCII letter or "_"/],
    ['-abc', /must start with an ASCII letter/],
    ['RUNPOD_KEY', /reserved by RunPod/],
    ['runpodish', /reserved by RunPod/],
    ['has space', /contains a space/],
    ['emoji🔑', /may only contain ASCII letters, digits/],
    ['x'.repeat(192), /at most 191 characters/],
  ])('%j is refused by the shared rule with a clear message', (name, message) => {
    const problem = validateNewSecretName(name, existing);
    expect(problem?.severity).toBe('error');
    expect(problem?.message).toMatch(message);
  });

  it('refuses a duplicate of an existing name', () => {
    expect(validateNewSecretName('hf-token', existing)).toEqual({ severity: 'error', message: expect.stringMatching(/already exists/) });
    expect(validateNewSecretName('db/password', existing)?.severity).toBe('error');
  });

  it('a name differing only in case is allowed (names are case-sensitive) but warned about', () => {
    expect(validateNewSecretName('HF-Token', existing)).toEqual({ severity: 'warning', message: expect.stringMatching(/hf-token exists/) });
  });

  it('a name differing in separators too is warned about, by the rule the credential and unknown-secret hints use (sameNameLoosely)', () => {
    expect(validateNewSecretName('hf_token', existing)).toEqual({ severity: 'warning', message: 'A secret named hf-token exists; names differ by their separators too, so this creates a second one.' });
    expect(validateNewSecretName('HF.Token', existing)?.severity).toBe('warning');
  });
});

describe('rename target name', () => {
  const existing = ['hf-token', 'hf-token-new'];

  it('an existing name (a rename stopped partway) is a warning that says Enter continues into it, its value kept', () => {
    expect(validateRenameTarget('hf-token-new', 'hf-token', existing)).toEqual({
      severity: 'warning',
      message: 'hf-token-new already exists: press Enter to continue the rename of hf-token into it (its value is not changed).',
    });
  });

  it('the current name, a name the rule refuses, and a new name are judged as before', () => {
    expect(validateRenameTarget('hf-token', 'hf-token', existing)).toMatchObject({ severity: 'error', message: expect.stringMatching(/current name/) });
    expect(validateRenameTarget('RUNPOD_X', 'hf-token', [...existing, 'RUNPOD_X'])).toMatchObject({ severity: 'error', message: expect.stringMatching(/reserved/) });
    expect(validateRenameTarget('HF-TOKEN-NEW', 'hf-token', existing)?.severity).toBe('warning');
    expect(validateRenameTarget('other', 'hf-token', existing)).toBeUndefined();
    // A new spelling of the secret's own name is a rename, not a second secret.
    expect(validateRenameTarget('HF-TOKEN', 'hf-token', existing)).toBeUndefined();
    expect(validateRenameTarget('hf_token', 'hf-token', existing)).toBeUndefined();
  });
});

describe('value and description', () => {
  it('a value must be non-empty and under 16 MiB of UTF-8', () => {
    expect(validateSecretValue('')).toMatch(/cannot be empty/);
    expect(validateSecretValue('x')).toBeUndefined();
    expect(validateSecretValue('a'.repeat(MAX_VALUE_BYTES - 1))).toBeUndefined();
    expect(validateSecretValue('a'.repeat(MAX_VALUE_BYTES))).toMatch(/16 MiB/);
    // 3-byte characters: fewer string units than bytes.
    expect(validateSecretValue('€'.repeat(Math.ceil(MAX_VALUE_BYTES / 3)))).toMatch(/16 MiB/);
  });

  it('a typed value holding a NUL is refused by the rule and in the words of a value file: no Pod could receive it', () => {
    const problem = validateSecretValue('hf_ab\u0000cd');
    expect(problem).toMatch(/NUL character \(U\+0000\), which an environment variable cannot carry/);
    expect(decodeValueFile(new TextEncoder().encode('hf_ab\u0000cd'))).toEqual({ error: expect.stringContaining(problem!.slice(1, -1)) });
    expect(validateSecretValue('\u0000')).toBeDefined();
  });

  it('a value too large is said in one sentence wherever it comes from: typed, a value file, moved out of a document', () => {
    const huge = 'a'.repeat(MAX_VALUE_BYTES);
    const fromFile = decodeValueFile(new TextEncoder().encode(huge));
    expect(fromFile).toEqual({ error: expect.stringMatching(/too large/) });
    const sentence = `${(fromFile as { error: string }).error.charAt(0).toUpperCase()}${(fromFile as { error: string }).error.slice(1)}.`;
    expect(validateSecretValue(huge)).toBe(sentence);
    const moved = extractValue(`K=${huge}\n`, 'runpod-env', { start: 2, end: 2 + huge.length });
    expect(moved).toEqual({ ok: false, message: sentence });
  });

  it('a description may be empty (clears) and at most 65,535 bytes', () => {
    expect(validateDescription('')).toBeUndefined();
    expect(validateDescription('a'.repeat(65_535))).toBeUndefined();
    expect(validateDescription('a'.repeat(65_536))).toMatch(/65,535/);
    // Judged as sent: trimmed (the editor and the command line both trim).
    expect(validateDescription(` ${'a'.repeat(65_535)}\n`)).toBeUndefined();
  });
});

describe('value from file', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('reads UTF-8 text including newlines (keys, certificates)', () => {
    const pem = '-----BEGIN KEY-----\nabc\n-----END KEY-----\n';
    expect(decodeValueFile(bytes(pem))).toEqual({ value: pem });
  });

  it('drops a byte-order mark', () => {
    expect(decodeValueFile(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ value: 'a' });
  });

  it('refuses empty, oversized and non-UTF-8 files without quoting content', () => {
    expect(decodeValueFile(new Uint8Array())).toEqual({ error: expect.stringMatching(/empty/) });
    expect(decodeValueFile(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ error: expect.stringMatching(/empty/) });
    expect(decodeValueFile(new Uint8Array(MAX_VALUE_BYTES))).toEqual({ error: expect.stringMatching(/16 MiB/) });
    const binary = decodeValueFile(new Uint8Array([0x7a, 0x71, 0x78, 0x6a, 0xff, 0xfe]));
    expect(binary).toEqual({ error: expect.stringMatching(/not UTF-8/) });
    expect(JSON.stringify(binary)).not.toContain('zqxj');
  });
});

describe('"From file…" follows the command line\'s --value-file rule, on the same files', () => {
  /** The editor's flow: the size from stat first, then the bytes (valueInput.ts). */
  function fromFile(bytes: Uint8Array): { value: string } | { error: string } {
    const size = valueFileSizeProblem(bytes.byteLength);
    return size ? { error: size } : decodeValueFile(bytes);
  }
  it.each(VALUE_FILES.map((c, i) => [c.label, i] as const))('%s', (_label, i) => {
    const c = VALUE_FILES[i]!;
    const got = fromFile(c.bytes());
    if ('value' in c.expected) expect(got).toEqual({ value: c.expected.value });
    else expect('error' in got ? got.error : got.value).toMatch(c.expected.refused);
  });
});

describe('a typed or pasted value gives what the same text gives as a value file (names.ts valueFromText)', () => {
  // A value pasted from a file holds what the file holds: a BOM, a CRLF. The value box stores what "From file…" would.
  it.each(VALUE_FILES.map((c, i) => [c.label, i] as const))('%s', (_label, i) => {
    const bytes = VALUE_FILES[i]!.bytes();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return; // not text: nothing a box can hold
    }
    const file = decodeValueFile(bytes);
    const typed = typedValue(text);
    if ('value' in file) expect(typed).toEqual(file);
    else expect(typed).toEqual({ error: expect.any(String) });
    expect(validateSecretValue(text)).toBe('error' in typed ? typed.error : undefined);
  });

  it('a pasted byte-order mark is dropped, as a file read drops it; a mark inside the value stays', () => {
    expect(typedValue('\ufeffhf_abc')).toEqual({ value: 'hf_abc' });
    expect(typedValue('hf_\ufeffabc')).toEqual({ value: 'hf_\ufeffabc' });
    expect(typedValue('\ufeff')).toEqual({ error: 'Enter a value (it cannot be empty).' });
  });
});

describe('a value file the bounded reader refused', () => {
  it('says why in the words of --value-file: too large by the value rule, the rest by the reader', () => {
    expect(valueFileRefusal({ refusal: 'too-large' })).toMatch(/too large; RunPod takes a value of less than 16 MiB/);
    expect(valueFileRefusal({ refusal: 'missing' })).toBe('no such file');
    expect(valueFileRefusal({ refusal: 'special' })).toMatch(/^not a regular file/);
    expect(valueFileRefusal({ refusal: 'unreadable', code: 'EACCES' })).toBe('cannot read (EACCES)');
  });
});

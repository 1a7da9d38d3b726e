import { describe, expect, it } from 'vitest';
import { findReferencesInValue } from '../../server/src/template';

function one(value: string) {
  const refs = findReferencesInValue(value);
  expect(refs).toHaveLength(1);
  return refs[0]!;
}

describe('findReferencesInValue: classification', () => {
  it('recognises the canonical whole-value form', () => {
    const r = one('{{ RUNPOD_SECRET_hf-token }}');
    expect(r).toMatchObject({ form: 'canonical', canonical: true, wellFormed: true, embedded: false, name: 'hf-token' });
    expect(r.span).toEqual({ start: 0, end: 28 });
    expect(r.nameSpan).toEqual({ start: 17, end: 25 });
    expect(r.normalized).toBeUndefined();
  });
  it.each(['{{RUNPOD_SECRET_x}}', '{{  RUNPOD_SECRET_x }}', '{{ RUNPOD_SECRET_x}}', '{{\tRUNPOD_SECRET_x\t}}'])(
    'flags other spacing as noncanonical: %s',
    (v) => {
      const r = one(v);
      expect(r).toMatchObject({ form: 'noncanonical', wellFormed: true, name: 'x', normalized: '{{ RUNPOD_SECRET_x }}' });
    },
  );
  it('marks a reference inside a longer value as embedded', () => {
    const r = one('postgres://u:{{ RUNPOD_SECRET_pw }}@h/db');
    expect(r).toMatchObject({ embedded: true, form: 'canonical', name: 'pw' });
    expect(r.span).toEqual({ start: 13, end: 35 });
  });
  it('finds several references in one value', () => {
    const refs = findReferencesInValue('{{ RUNPOD_SECRET_a }}:{{ RUNPOD_SECRET_b }}');
    expect(refs.map((r) => r.name)).toEqual(['a', 'b']);
  });
  it('labels references with the variable key', () => {
    expect(findReferencesInValue('{{ RUNPOD_SECRET_a }}', { variableKey: 'K' })[0]!.variableKey).toBe('K');
  });
});

describe('findReferencesInValue: malformed references', () => {
  it.each([
    ['{{ runpod_secret_x }}', 'prefix', /case-sensitive/],
    ['{{ Runpod_Secret_x }}', 'prefix', /case-sensitive/],
    ['{{ RUNPOD_SECRETS_x }}', 'prefix', /RUNPOD_SECRETS_/],
    ['{{ RUNPOD_SCRET_x }}', 'prefix', /RUNPOD_SCRET_/],
    ['{{ RUNPOD-SECRET-x }}', 'prefix', /RUNPOD-SECRET-/],
  ])('misspelled or wrong-case prefix %s', (v, why, message) => {
    const r = one(v);
    expect(r).toMatchObject({ form: 'malformed', malformation: why, wellFormed: false, name: 'x', normalized: '{{ RUNPOD_SECRET_x }}' });
    expect(r.malformationMessage).toMatch(message);
  });
  it('unclosed reference runs to the end of the value and can be closed', () => {
    const r = one('{{ RUNPOD_SECRET_x');
    expect(r).toMatchObject({ malformation: 'unclosed', name: 'x', normalized: '{{ RUNPOD_SECRET_x }}', span: { start: 0, end: 18 } });
  });
  it('unclosed with a single brace still has a clear intent', () => {
    expect(one('{{ RUNPOD_SECRET_x }')).toMatchObject({ malformation: 'unclosed', normalized: '{{ RUNPOD_SECRET_x }}' });
  });
  it('unclosed followed by other text has no automatic fix', () => {
    const r = one('{{ RUNPOD_SECRET_x and more');
    expect(r.malformation).toBe('unclosed');
    expect(r.normalized).toBeUndefined();
  });
  it('an unclosed reference followed by a closed one: both found, only the first malformed', () => {
    const refs = findReferencesInValue('{{ RUNPOD_SECRET_a {{ RUNPOD_SECRET_b }}');
    expect(refs.map((r) => [r.name, r.form])).toEqual([
      ['a', 'malformed'],
      ['b', 'canonical'],
    ]);
  });
  it('empty name', () => {
    expect(one('{{ RUNPOD_SECRET_ }}')).toMatchObject({ malformation: 'empty-name', name: '' });
    expect(one('{{ RUNPOD_SECRET }}')).toMatchObject({ form: 'malformed', name: '' });
  });
  it('stray characters inside the braces', () => {
    const r = one('{{ RUNPOD_SECRET_x | upper }}');
    expect(r).toMatchObject({ malformation: 'stray', name: 'x' });
    expect(r.normalized).toBeUndefined();
  });
  it('an unclosed reference in a multi-line value ends at its line', () => {
    const r = one('{{ RUNPOD_SECRET_x\nnext line');
    expect(r.span).toEqual({ start: 0, end: 18 });
  });
});

describe('findReferencesInValue: not ours', () => {
  it.each(['{{ .Values.image }}', '{{ name }}', '{{ RUNPOD_POD_ID }}', '{{ RUNPOD_SECRETARY }}', '{{}}', '{{ }}', 'a {{ b', '}} {{'])(
    'leaves user templating alone: %s',
    (v) => {
      expect(findReferencesInValue(v)).toEqual([]);
    },
  );
  it('ignores plain values', () => expect(findReferencesInValue('plain')).toEqual([]));
});

describe('findReferencesInValue: offsets', () => {
  it('maps spans through decoded offsets', () => {
    // Decoded "x{{ RUNPOD_SECRET_a }}" where the first char came from a two-char escape.
    const value = 'x{{ RUNPOD_SECRET_a }}';
    const offsets = [10, ...Array.from({ length: value.length }, (_, i) => 12 + i)];
    const [r] = findReferencesInValue(value, { offsets });
    expect(r!.span).toEqual({ start: 12, end: 12 + 21 });
    expect(r!.nameSpan).toEqual({ start: 12 + 17, end: 12 + 18 });
    expect(r!.decodedSpan).toEqual({ start: 1, end: 22 });
  });
});

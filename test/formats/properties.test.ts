/**
 * Property tests: random JSON documents (hub.json, tests.json and template shapes with references
 * and escapes in env values) and random TOML never make the analysis throw, every span stays
 * inside the document, references cover exactly their text, and the analysis is deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, complete, hover } from '../../server/src/template';
import type { Analysis, DocumentKind } from '../../server/src/template/types';
import { CATALOG } from './fixtures';

const names = fc.constantFrom('hf-token', 'db_password', 'nope', 'RUNPOD_x', '', 'a b', 'é');
/** A reference in one of the ways users write (and mistype) them. */
const reference = fc.tuple(names, fc.constantFrom('{{ RUNPOD_SECRET_', '{{RUNPOD_SECRET_', '{{ runpod_secret_', '{{ RUNPOD_SECRETS_', '{{'), fc.constantFrom(' }}', '}}', '', ' }')).map(([n, open, close]) => open + n + close);
/** Env values: text, references, and characters that need escaping in JSON. */
const value = fc
  .array(fc.oneof(reference, fc.string({ maxLength: 8 }), fc.constantFrom('"', '\\', 'é', '😀', '\n', '\u0001', '\ud800')), { maxLength: 5 })
  .map((parts) => parts.join(''));
const key = fc.oneof(fc.constantFrom('HF_TOKEN', 'A', 'bad key', '', 'HF_TOKEN'), fc.string({ maxLength: 6 }));
const noise = fc.jsonValue({ maxDepth: 2 });

const hubDoc = fc
  .record({
    title: fc.string(),
    extra: noise,
    env: fc.array(
      fc.oneof(
        fc.record({ key, value }),
        fc.record({ key, input: fc.record({ name: fc.string(), default: fc.oneof(value, fc.integer()) }) }),
        noise,
      ),
      { maxLength: 8 },
    ),
  })
  .map(({ title, extra, env }) => ({ title, config: { extra, env } }));
const templateDoc = fc.record({ name: fc.string(), templateId: fc.string(), env: fc.dictionary(key, fc.oneof(value, noise), { maxKeys: 8 }), ports: noise });

/** Serialises with random spacing, and sometimes breaks the text (cut, or a character removed). */
function render(doc: unknown, indent: number, cut: number | undefined): string {
  const text = JSON.stringify(doc, null, indent);
  return cut === undefined ? text : text.slice(0, cut % (text.length + 1)) + text.slice((cut % (text.length + 1)) + (cut % 3));
}

function checkAnalysis(text: string, a: Analysis): void {
  const inside = (s: { start: number; end: number }): boolean => s.start >= 0 && s.start <= s.end && s.end <= text.length;
  for (const p of a.problems) {
    expect(inside(p.span), `${p.code} ${JSON.stringify(p.span)}`).toBe(true);
    for (const r of p.related ?? []) expect(inside(r.span)).toBe(true);
    if (p.data?.fix) expect(inside(p.data.fix.span)).toBe(true);
    if (p.data?.valueSpan) expect(inside(p.data.valueSpan)).toBe(true);
  }
  for (const ref of a.references) {
    expect(inside(ref.span) && inside(ref.nameSpan)).toBe(true);
    // A reference's span starts at the `{{` as written (no escape can produce a brace in JSON text here).
    expect(text.startsWith('{{', ref.span.start)).toBe(true);
  }
  for (const v of a.variables) {
    expect(inside(v.keySpan) && inside(v.valueSpan) && inside(v.span)).toBe(true);
    expect(v.valueOffsets).toHaveLength(v.value.length + 1);
    for (let i = 1; i < v.valueOffsets.length; i++) expect(v.valueOffsets[i]!).toBeGreaterThanOrEqual(v.valueOffsets[i - 1]!);
    expect(v.valueOffsets[0]!).toBeGreaterThanOrEqual(v.valueSpan.start);
    expect(v.valueOffsets.at(-1)!).toBeLessThanOrEqual(v.valueSpan.end);
  }
}

function property(kind: DocumentKind, docs: fc.Arbitrary<unknown>): void {
  fc.assert(
    fc.property(docs, fc.integer({ min: 0, max: 4 }), fc.option(fc.nat(), { nil: undefined }), fc.nat(), (doc, indent, cut, at) => {
      const text = render(doc, indent, cut);
      const a = analyze(text, kind, CATALOG);
      checkAnalysis(text, a);
      expect(analyze(text, kind, CATALOG)).toEqual(a);
      const offset = at % (text.length + 1);
      const c = complete(text, offset, kind, CATALOG);
      if (c) expect(c.replace.start >= 0 && c.replace.start <= c.replace.end && c.replace.end <= text.length).toBe(true);
      const h = hover(text, offset, kind, CATALOG);
      if (h) expect(h.span.end <= text.length).toBe(true);
    }),
    { numRuns: 300 },
  );
}

describe('random JSON and TOML documents', () => {
  it('hub.json: never throws, spans inside, deterministic', () => property('hub-json', hubDoc));
  it('tests.json: never throws, spans inside, deterministic', () => property('tests-json', hubDoc));
  it('*.runpod.json: never throws, spans inside, deterministic', () => property('runpod-json', templateDoc));

  it('every well-formed reference written into a JSON env value is found at its exact span', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.constantFrom('hf-token', 'nope', 'a.b/c'), fc.constantFrom('', 'é', '"', '\\', '😀', '\t'), (before, name, special) => {
        const written = `${before}${special}{{ RUNPOD_SECRET_${name} }}`;
        const text = JSON.stringify({ env: { K: written } });
        const a = analyze(text, 'runpod-json', CATALOG);
        const ref = a.references.find((r) => r.wellFormed && r.name === name)!;
        expect(ref).toBeDefined();
        const literal = `{{ RUNPOD_SECRET_${name} }}`;
        expect(text.slice(ref.span.start, ref.span.end)).toBe(literal);
        expect(ref.span.start).toBe(text.lastIndexOf(literal));
      }),
      { numRuns: 300 },
    );
  });

  it('random runpod.toml text: never throws, spans inside', () => {
    const line = fc.oneof(
      fc.constantFrom('[project.env_vars]', '[project]', '[other]', '# comment', ''),
      fc.tuple(key, fc.constantFrom('"', "'", '"""', "'''"), value).map(([k, q, v]) => `${k} = ${q}${v}${q}`),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const a = analyze(text, 'runpod-toml', CATALOG);
        checkAnalysis(text, a);
      }),
      { numRuns: 400 },
    );
  });
});

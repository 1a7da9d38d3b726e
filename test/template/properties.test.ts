/**
 * Property tests over random input: never an exception, every span inside the document with
 * start <= end, and the same input always gives the same output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, codeActions, complete, findReferencesInValue, hover, parseEnv, symbols, type Span } from '../../server/src/template';
import { fresh, stale, unknown } from './types';

const catalogs = fc.constantFrom(fresh, stale, unknown);
const kinds = fc.constantFrom('runpod-env' as const, 'dotenv' as const);

/** Pieces that make env-like documents with references, quotes, escapes, odd line breaks. */
const piece = fc.constantFrom(
  'A', 'HF_TOKEN', 'export ', '=', ' ', '\t', '\n', '\r\n', '\r', '#', ' # c', '"', "'", '\\', '\\"', '\\n',
  '{{', '}}', '{', '}', '{{ ', ' }}', 'RUNPOD_SECRET_', 'runpod_secret_', 'RUNPOD_SECRETS_', 'hf-token', 'hf-tokn',
  'RUNPOD', 'x', '1', '.', '/', 'é', '\uFEFF', '\ud800', '\udc00', '😀', '\u0000', 'hf_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zQ',
  'eyJhbGciOiJIUzI1NiJ9.', '-----BEGIN PRIVATE KEY-----', 'AKIAZ7Q2LMNB4XK9PV3T',
);
const envLike = fc.array(piece, { maxLength: 80 }).map((p) => p.join(''));
// Whole references and plain credentials: random pieces alone almost never put the offset on a
// well-formed reference, so hovers, completions and quick-fix edits would go untested.
const wholePiece = fc.constantFrom(
  'A={{ RUNPOD_SECRET_hf-token }}', 'B={{ RUNPOD_SECRET_hf-tokn }}', '{{RUNPOD_SECRET_wandb_key}}', '{{ RUNPOD_SECRET_ }}', '{{ RUNPOD_SECRET_hf',
  'K=hf_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zQ', '\nAWS_KEY=AKIAZ7Q2LMNB4XK9PV3T\n',
);
const envWithReferences = fc.array(fc.oneof(piece, wholePiece), { maxLength: 40 }).map((p) => p.join(''));
const anyText = fc.oneof(envLike, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }));

function inside(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && 0 <= span.start && span.start <= span.end && span.end <= length;
}

describe('properties', () => {
  it('analyze never throws, keeps spans inside the document, and is deterministic', () => {
    fc.assert(
      fc.property(anyText, kinds, catalogs, (text, kind, catalog) => {
        const a = analyze(text, kind, catalog);
        const spans: Span[] = [];
        for (const v of a.variables) {
          spans.push(v.span, v.keySpan, v.valueSpan);
          expect(v.valueOffsets.length).toBe(v.value.length + 1);
          for (const o of v.valueOffsets) expect(o >= 0 && o <= text.length).toBe(true);
        }
        for (const r of a.references) spans.push(r.span, r.nameSpan);
        for (const p of a.problems) {
          spans.push(p.span);
          for (const rel of p.related ?? []) spans.push(rel.span);
          if (p.data?.fix) spans.push(p.data.fix.span);
          if (p.data?.valueSpan) spans.push(p.data.valueSpan);
        }
        for (const s of symbols(a)) spans.push(s.span, s.selectionSpan);
        for (const s of spans) expect(inside(s, text.length), JSON.stringify(s)).toBe(true);
        // Through JSON: variables compute key, value, spans and offsets on read (see parseEnv).
        const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
        expect(plain(analyze(text, kind, catalog))).toEqual(plain(a));
        expect(plain(a.variables[0] ?? null)).toEqual(
          a.variables[0] ? { key: a.variables[0].key, keySpan: a.variables[0].keySpan, value: a.variables[0].value, valueSpan: a.variables[0].valueSpan, valueOffsets: a.variables[0].valueOffsets, span: a.variables[0].span } : null,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('complete, hover and code actions never throw and stay inside the document at any offset', () => {
    // How often each check below ran: a check that never runs proves nothing.
    const ran = { completion: 0, hover: 0, edit: 0, createFromValue: 0 };
    fc.assert(
      fc.property(envWithReferences, fc.nat(), kinds, catalogs, (text, n, kind, catalog) => {
        const offset = n % (text.length + 1);
        const c = complete(text, offset, kind, catalog);
        if (c) {
          ran.completion++;
          expect(inside(c.replace, text.length)).toBe(true);
          expect(c.replace.start <= offset && offset <= c.replace.end).toBe(true);
          expect(complete(text, offset, kind, catalog)).toEqual(c);
        }
        const h = hover(text, offset, kind, catalog);
        if (h) {
          ran.hover++;
          expect(inside(h.span, text.length)).toBe(true);
        }
        for (const a of codeActions(text, { start: offset, end: offset }, kind, catalog)) {
          for (const e of a.edits ?? []) {
            ran.edit++;
            expect(inside(e.span, text.length)).toBe(true);
          }
          if (a.command?.command === 'runpod.secrets.createFromValue') {
            ran.createFromValue++;
            expect(inside(a.command.span, text.length)).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
    // Typically 20 to 120 of each in 400 runs.
    expect(Object.values(ran).every((count) => count > 0), JSON.stringify(ran)).toBe(true);
  });

  it('accepting a completion inside a reference always leaves exactly one closing }} for it', () => {
    fc.assert(
      fc.property(fc.constantFrom('', ' ', '}', ' }', '}}', ' }}', '  }}', ' } x'), fc.constantFrom('', 'h', 'hf-', 'RUN', 'RUNPOD_SECRET_', 'RUNPOD_SECRET_hf'), (after, typed) => {
        const text = `A={{ ${typed}${after}`;
        const offset = 'A={{ '.length + typed.length; // right after what was typed
        const c = complete(text, offset, 'runpod-env', fresh);
        // Inside `{{ ` with a prefix of the reference typed, completion always answers (with the catalog's names).
        expect(c?.items.length, text).toBeGreaterThan(0);
        const item = c!.items[0]!;
        const result = text.slice(0, c!.replace.start) + item.insertText + text.slice(c!.replace.end);
        const refs = findReferencesInValue(result.slice(2));
        expect(refs[0]?.wellFormed, result).toBe(true);
        expect(result.split('}}').length - 1, result).toBe(1);
      }),
    );
  });

  it('parseEnv never throws on random text and recovers the lines after a broken one', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseEnv(`${text}\nZZ_LAST=1`);
        // Whatever came before, a well-formed last line is read: a quote opened earlier and never
        // closed is read to the end of its own line (the reader's recovery), so it cannot swallow it.
        const last = r.variables[r.variables.length - 1];
        expect(last && { key: last.key, value: last.value }, JSON.stringify(text)).toEqual({ key: 'ZZ_LAST', value: '1' });
      }),
      { numRuns: 1000 },
    );
  });
});

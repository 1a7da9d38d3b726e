/**
 * The incremental analysis of env documents (server/src/template/incremental.ts) must give exactly
 * what a full analysis of the edited text gives, after any sequence of edits: inserts and deletes
 * across lines, CRLF and lone CR, quotes that open multi-line values, backslashes, a BOM. And when
 * it says the problems did not change (same revision), the problems must indeed sit at the same
 * lines and columns with the same content: the server then answers `unchanged` without looking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, complete, hover } from '../../server/src/template';
import { analyzeAtOnce } from '../../server/src/template/analyze';
import { environmentProblems } from '../../server/src/template/environments';
import { IncrementalEnvAnalysis, movedAlong, REREAD_WINDOW, type FactsMark, type TextChange } from '../../server/src/template/incremental';
import { PieceText } from '../../server/src/template/pieceText';
import { symbols } from '../../server/src/template/symbols';
import { factsOf, MAX_FACTS_PER_FILE } from '../../server/src/template/workspace/facts';
import type { Analysis, DocumentKind, Problem, SecretCatalog } from '../../server/src/template/types';
import { ENV_LINES as LINES } from './envLines';

/** What the server does with a rule's answer found at `mark`: moved with the text since, or undefined when the facts changed. */
function movedSince(model: IncrementalEnvAnalysis, mark: FactsMark, problems: readonly Problem[]): Problem[] | undefined {
  const moves = model.movesSince(mark);
  return moves && movedAlong(problems, moves);
}

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'db_password' }] };

const INSERTS = ['"', "'", '\\', '\n', '\r\n', '\r', '=', '#', ' ', 'A', 'x', '{{', '}}', 'RUNPOD_SECRET_', '\ufeff', 'A=1\n', 'N="', '"\n', 'export ', ...LINES.map((l) => `${l}\n`)];

const document = fc
  .tuple(fc.array(fc.constantFrom(...LINES), { maxLength: 14 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, finalBreak]) => (bom ? '\ufeff' : '') + lines.join(eol) + (finalBreak ? eol : ''));
/** Positions and lengths as fractions, so they fit any text. */
/** A position as a fraction of the text, uniform: fc.double favours 0 (the first line) and tiny fractions. */
const anywhere = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000);
const edit = fc.record({ at: anywhere, remove: fc.nat({ max: 12 }), insert: fc.oneof(fc.constantFrom(...INSERTS), fc.constant('')) });

function toChange(text: string, e: { at: number; remove: number; insert: string }): TextChange {
  const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return { start, end: Math.min(text.length, start + e.remove), text: e.insert };
}

function applyChange(text: string, c: TextChange): string {
  return text.slice(0, c.start) + c.text + text.slice(c.end);
}

/** Line and column of an offset, as an editor counts them (CRLF, LF and CR end a line). */
function position(text: string, offset: number): string {
  let line = 0;
  let lineStart = 0;
  for (let k = 0; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) {
      line++;
      lineStart = k + 1;
    }
  }
  return `${line}:${offset - lineStart}`;
}

/** What the editor shows of a problem: everything, with spans as lines and columns. */
function asShown(text: string, p: Problem): unknown {
  const at = (s: { start: number; end: number }): string => `${position(text, s.start)}-${position(text, s.end)}`;
  return {
    code: p.code,
    severity: p.severity,
    message: p.message,
    at: at(p.span),
    related: p.related?.map((r) => [at(r.span), r.message]),
    name: p.data?.name,
    suggestion: p.data?.suggestion,
    suggestedName: p.data?.suggestedName,
  };
}

/**
 * How the model is fed: the text in pieces edited as an open document edits them, and how much
 * past an edit it reads first. Small pieces and windows put every edit's reading across piece
 * and window ends (a quote closed past the window, a line break at its end).
 */
interface Feeding {
  pieceLength: number;
  window: number;
}
const AS_THE_SERVER: Feeding = { pieceLength: 8192, window: REREAD_WINDOW };
const feeding = fc.oneof(fc.constant(AS_THE_SERVER), fc.record({ pieceLength: fc.integer({ min: 1, max: 6 }), window: fc.integer({ min: 1, max: 8 }) }));

function check(kind: DocumentKind, initial: string, edits: { at: number; remove: number; insert: string }[], feed: Feeding = AS_THE_SERVER): void {
  let text = initial;
  let pieces = PieceText.of(text, feed.pieceLength);
  const model = new IncrementalEnvAnalysis(pieces, kind, CATALOG, undefined, feed.window);
  expect(model.analysis().problems).toEqual(analyzeAtOnce(text, kind, CATALOG).problems);
  checkAround(model, kind, text);
  for (const e of edits) {
    const change = toChange(text, e);
    const before = text;
    const revision = model.problemsRevision;
    const shownBefore = model.analysis().problems.map((p) => asShown(before, p));
    text = applyChange(text, change);
    pieces = pieces.replace(change.start, change.end, change.text);
    model.apply(change, pieces);
    // Read at once: analyze() reads env in rounds, sharing parts with this analysis; the oracle does not.
    const full = analyzeAtOnce(text, kind, CATALOG);
    const incremental = model.analysis();
    expect(incremental.problems, JSON.stringify({ before, change })).toEqual(full.problems);
    expect(incremental.variables.map((v) => v.key)).toEqual(full.variables.map((v) => v.key));
    expect(incremental.references).toEqual(full.references);
    // The outline and the index read an incremental analysis through eachVariable (one walk of the text).
    expect(symbols(incremental)).toEqual(symbols(full));
    for (const limit of [0, 1, 2, MAX_FACTS_PER_FILE]) expect(factsOf(incremental, undefined, limit)).toEqual(factsOf(full, undefined, limit));
    if (model.problemsRevision === revision) {
      expect(incremental.problems.map((p) => asShown(text, p)), `same revision after ${JSON.stringify({ before, change })}`).toEqual(shownBefore);
    }
  }
  checkAround(model, kind, text);
}

/** Hover and completion from the statements around the cursor answer as from the whole text. */
function checkAround(model: IncrementalEnvAnalysis, kind: DocumentKind, text: string): void {
  for (let offset = 0; offset <= text.length; offset++) {
    const around = model.around(offset);
    expect(hover(text, offset, kind, CATALOG, around), `hover at ${offset} of ${JSON.stringify(text)}`).toEqual(hover(text, offset, kind, CATALOG));
    expect(complete(text, offset, kind, CATALOG, around), `completion at ${offset} of ${JSON.stringify(text)}`).toEqual(complete(text, offset, kind, CATALOG));
  }
}

describe('incremental env analysis', () => {
  it('equals a full analysis after random edit sequences (runpod-env)', () => {
    fc.assert(
      fc.property(document, fc.array(edit, { minLength: 1, maxLength: 8 }), feeding, (text, edits, feed) => check('runpod-env', text, edits, feed)),
      { numRuns: 600 },
    );
    // 600 documents, each analysed in full again after every edit: 12 s measured on 2 cores with other
    // processes running, 17.5 s under heavier load; the suite's 20 s would fail it for the machine's load.
  }, 60_000);

  it('equals a full analysis after random edit sequences (dotenv: reference rules only)', () => {
    fc.assert(
      fc.property(document, fc.array(edit, { minLength: 1, maxLength: 8 }), feeding, (text, edits, feed) => check('dotenv', text, edits, feed)),
      { numRuns: 200 },
    );
  });

  /** An edit inserting `insert` at `offset` of `text`. */
  const typeAt = (text: string, offset: number, insert: string): { at: number; remove: number; insert: string } => ({ at: (offset + 0.5) / (text.length + 1), remove: 0, insert });

  it('closes a quote left open earlier when a quote is typed far below it', () => {
    const text = 'A="open\nB=1\nC=2\nD={{ RUNPOD_SECRET_nope }}\n';
    check('runpod-env', text, [typeAt(text, text.length - 1, '"')]);
    const single = "A='open\nB=1\nC={{ RUNPOD_SECRET_nope }}\n";
    check('runpod-env', single, [typeAt(single, single.length - 1, "'")]);
  });

  it('closes a quote left open earlier when a character typed after a backslash unescapes a quote', () => {
    // `\"` below does not close A's quote; `\y"` does (an unknown escape keeps its backslash).
    const text = 'A="open\nB=x\\"\nC=1\n';
    check('runpod-env', text, [typeAt(text, text.indexOf('\\') + 1, 'y')]);
  });

  it('cases the property found: a CRLF turned into a lone CR moves a column; text typed before an empty key', () => {
    const crlf = "ne\"\n\r\nF='unclosed\r\nquoted'\r\nF='unclosed";
    check('runpod-env', crlf, [{ at: 27.5 / (crlf.length + 1), remove: 1, insert: ' ' }]);
    const empty = '=A=1\n=empty key';
    check('runpod-env', empty, [typeAt(empty, 0, '='), typeAt(empty, 0, '"')]);
  });

  it('sees a line added by text typed between the CR and LF of a blank line', () => {
    // `\r \n`: the CR now ends a line of its own, and every line after moves down one.
    const text = 'A=1\r\n\r\nB={{ RUNPOD_SECRET_nope }}\r\n';
    check('runpod-env', text, [{ at: (text.indexOf('\r\nB') + 1.5) / (text.length + 1), remove: 0, insert: ' ' }]);
  });

  it('takes a paste of 150,000 lines in one edit (no argument list per row: Node overflows its stack past ~125,000)', () => {
    let text = 'A=1\nB={{ RUNPOD_SECRET_nope }}\n';
    const model = new IncrementalEnvAnalysis(text, 'runpod-env', CATALOG);
    const paste = Array.from({ length: 150_000 }, (_, i) => `K${i}=1\n`).join('');
    const change: TextChange = { start: 4, end: 4, text: paste };
    text = applyChange(text, change);
    model.apply(change, text);
    const incremental = model.analysis();
    const full = analyzeAtOnce(text, 'runpod-env', CATALOG);
    expect(incremental.problems).toEqual(full.problems);
    expect(incremental.variables.length).toBe(full.variables.length);
  });

  it('reads a document of many rounds of the rules (1,024 statements each) as one pass reads it', () => {
    // Every kind of line, in an order that puts different ones at each round's edges; at least 1,000
    // of some codes, so the listing is cut as one pass cuts it.
    const text = Array.from({ length: 12_000 }, (_, i) => LINES[(i * 7 + (i >> 5)) % LINES.length]).join('\n');
    const model = new IncrementalEnvAnalysis(text, 'runpod-env', CATALOG);
    const full = analyzeAtOnce(text, 'runpod-env', CATALOG);
    const incremental = model.analysis();
    expect(incremental.problems).toEqual(full.problems);
    expect(incremental.references).toEqual(full.references);
    expect(incremental.variables.map((v) => v.key)).toEqual(full.variables.map((v) => v.key));
    expect(new Set(full.problems.map((p) => p.code)).size).toBeGreaterThan(8);
  });

  it('reads only the statements that may hold a reference once the caller wants only those (the index, its keys full)', () => {
    // The index reads an open document's facts again after each edit: on a generated file its keys
    // are full after 10,000 lines, and the rest was read for references a file of `A=1` never holds.
    const lines = ['A=1', 'B="two', '{{ RUNPOD_SECRET_hf-token }}"', '# {{ RUNPOD_SECRET_in_a_comment }}', 'C={{ RUNPOD_SECRET_db_password }}', 'D={not one}', 'E=2'];
    let text = lines.join('\n');
    const model = new IncrementalEnvAnalysis(text, 'runpod-env', CATALOG);
    const read = (): string[] => [...model.analysis().eachVariable!(() => true)].map(({ variable }) => variable.key);
    expect(read()).toEqual(['B', 'C', 'D']);
    // After an edit, from the statements as they are now.
    const change: TextChange = { start: 0, end: 0, text: 'Z={{ RUNPOD_SECRET_x }}\n' };
    text = applyChange(text, change);
    model.apply(change, text);
    expect(read()).toEqual(['Z', 'B', 'C', 'D']);
    // A caller that wants every variable still gets every one.
    expect([...model.analysis().eachVariable!()].map(({ variable }) => variable.key)).toEqual(['Z', 'A', 'B', 'C', 'D', 'E']);
  });

  it('reports duplicates anew when a key changes, even with no problem on the edited line', () => {
    const text = 'A=1\nB=2\nA=3\n';
    check('runpod-env', text, [typeAt(text, 0, 'x')]);
  });

  it('keeps the revision while typing inside a plain value, and changes it when a line is added', () => {
    const text = 'A={{ RUNPOD_SECRET_nope }}\nB=plain\nA=dup\n';
    const model = new IncrementalEnvAnalysis(text, 'runpod-env', CATALOG);
    const revision = model.problemsRevision;
    const at = text.indexOf('plain') + 2;
    const typed = `${text.slice(0, at)}x${text.slice(at)}`;
    model.apply({ start: at, end: at, text: 'x' }, typed);
    expect(model.problemsRevision).toBe(revision);
    model.apply({ start: 0, end: 0, text: '\n' }, `\n${typed}`);
    expect(model.problemsRevision).not.toBe(revision);
    expect(model.analysis().problems).toEqual(analyzeAtOnce(`\n${typed}`, 'runpod-env', CATALOG).problems);
  });
});

/**
 * The environment problems of an open env file are moved with the text while its facts (keys,
 * references, lines, first line) stay (IncrementalEnvAnalysis.factsRevision): the server then
 * answers a keystroke without judging every key against the template's other files. Moved, they
 * must be exactly what the rules find on the new text, offsets included (a quick fix edits at them).
 */
describe('environment problems moved with the text', () => {
  const ENV_LINES = [
    'A=1',
    'SHARED=x',
    'PROD_ONLY=a long plain value, typed into',
    'NOTE="a quoted value with spaces"',
    'HF_TOKEN={{ RUNPOD_SECRET_dev-hf-token }}',
    'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}',
    'URL=https://{{ RUNPOD_SECRET_dev-db }}@host',
    'B="multi\nline"',
    '# comment',
    '',
    'NO EQUALS',
    '1BAD=key',
    'D={{ RUNPOD_SECRET_',
  ];
  const ENV_INSERTS = ['x', ' ', '\n', '"', "'", '=', '#', '{{', 'RUNPOD_SECRET_', 'dev-', '_', ...ENV_LINES.map((l) => `${l}\n`)];
  const envDocument = fc
    .tuple(fc.array(fc.constantFrom(...ENV_LINES), { minLength: 1, maxLength: 10 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([lines, eol, finalBreak]) => lines.join(eol) + (finalBreak ? eol : ''));
  // Mostly typing (what moves), sometimes anything (what must not).
  const envEdit = fc.oneof(
    { weight: 3, arbitrary: fc.record({ at: anywhere, remove: fc.constant(0), insert: fc.constantFrom('x', ' ', '-', '1') }) },
    { weight: 1, arbitrary: fc.record({ at: anywhere, remove: fc.nat({ max: 6 }), insert: fc.oneof(fc.constantFrom(...ENV_INSERTS), fc.constant('')) }) },
  );
  const PROD = 'file:///w/train.prod.runpod.env';
  const DEV = {
    path: 'file:///w/train.dev.runpod.env',
    analysis: { variables: ['A', 'SHARED', 'DEV_ONLY', 'HF_TOKEN'].map((key) => ({ key })), references: [{ name: 'db_password', wellFormed: true }] },
  };
  const catalog: SecretCatalog = { state: 'fresh', secrets: [{ name: 'prod-hf-token' }, { name: 'dev-hf-token' }, { name: 'db_password' }] };
  const judged = (text: string, analysis: { variables: Analysis['variables']; references: Analysis['references'] }): Problem[] =>
    environmentProblems({ path: PROD, text, analysis }, [DEV], catalog);

  /**
   * Applies `edits`, moving the answer found at the last mark; `markEvery` edits (or when the facts
   * change) the answer is found again and marked, so one move may span several edits as it does in
   * the server between two pulls.
   */
  function checkMoves(initial: string, edits: { at: number; remove: number; insert: string }[], markEvery: number): number {
    let text = initial;
    const model = new IncrementalEnvAnalysis(text, 'runpod-env', catalog);
    let mark = model.factsMark();
    let problems = judged(text, model.analysis());
    let shownAtMark = problems.map((p) => asShown(text, p));
    let moved = 0;
    edits.forEach((e, i) => {
      const change = toChange(text, e);
      const before = text;
      text = applyChange(text, change);
      model.apply(change, text);
      const fresh = judged(text, analyze(text, 'runpod-env', catalog));
      const kept = movedSince(model, mark, problems);
      if (kept) {
        moved++;
        expect(kept, JSON.stringify({ before, change })).toEqual(fresh);
        expect(kept.map((p) => asShown(text, p))).toEqual(shownAtMark);
      }
      if (!kept || (i + 1) % markEvery === 0) {
        problems = kept ?? judged(text, model.analysis());
        mark = model.factsMark();
        shownAtMark = problems.map((p) => asShown(text, p));
      }
    });
    return moved;
  }

  it('equal the rules run on the new text whenever they are moved (random edits)', () => {
    let moved = 0;
    fc.assert(
      fc.property(envDocument, fc.array(envEdit, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (text, edits, markEvery) => {
        moved += checkMoves(text, edits, markEvery);
      }),
      { numRuns: 500 },
    );
    // The property says something only if moving happens often enough.
    expect(moved).toBeGreaterThan(200);
  });

  it('move while typing in a plain value above a reference, and are found again when a key, a reference or a line changes', () => {
    const text = '# first line\nA=plain\nSHARED=x\nHF_TOKEN={{ RUNPOD_SECRET_dev-hf-token }}\n';
    const model = new IncrementalEnvAnalysis(text, 'runpod-env', catalog);
    const problems = judged(text, model.analysis());
    expect(problems.map((p) => p.code)).toContain('cross-environment-secret');
    const type = (current: string, at: number, insert: string): string => {
      const next = `${current.slice(0, at)}${insert}${current.slice(at)}`;
      model.apply({ start: at, end: at, text: insert }, next);
      return next;
    };
    let mark = model.factsMark();
    const typed = type(text, text.indexOf('plain') + 5, 'xyz');
    const moved = movedSince(model, mark, problems)!;
    expect(moved).toEqual(judged(typed, analyze(typed, 'runpod-env', catalog)));
    const fix = moved.find((p) => p.code === 'cross-environment-secret')!.data!.fix!;
    expect(typed.slice(fix.span.start, fix.span.end)).toBe('dev-hf-token');
    for (const [at, insert] of [
      [typed.indexOf('SHARED'), 'X'],
      [typed.indexOf('dev-hf'), 'a'],
      [typed.indexOf('SHARED'), '\n'],
      [1, '_'],
    ] as const) {
      mark = model.factsMark();
      type(typed, at, insert);
      expect(movedSince(model, mark, moved), `typing ${JSON.stringify(insert)} at ${at}`).toBeUndefined();
      // Back to `typed` for the next case (that edit changes the facts too).
      model.apply({ start: at, end: at + insert.length, text: '' }, typed);
    }
  });
});

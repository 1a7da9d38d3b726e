/**
 * Incremental analysis of an env document (`runpod-env`, `dotenv`): the problems of the document
 * kept current edit by edit, so a keystroke costs about the lines it touches, not the file.
 *
 * Env files are read statement by statement (`EnvStatementReader`), and a statement's problems
 * depend on its own text only, with two exceptions handled here:
 * - a quote that is never closed makes its statement depend on all the text after it (a quote
 *   typed later would close it), so such statements are re-read whenever anything after them changes;
 * - duplicate-key and too-many-variables compare every key of the document: they are computed over
 *   the keys alone, when the problems are assembled.
 * An edit re-reads from the first statement it touches until the reading falls back in step with
 * the statements read before the edit; the statements after that only move.
 *
 * The result is exactly `analyze(text, kind, catalog)` (a property test applies random edit
 * sequences to both). Statements keep their problems with offsets relative to their own start, so
 * moving a statement is one number; a re-read statement is read from its own copy of its text, so
 * nothing kept refers to an old version of the whole document.
 */
import { ANALYSIS_LIMITS, analyzeReferences } from './analyze';
import { byPosition, judgeStatements, startsBefore, STATEMENTS_PER_ROUND } from './roundsAnalysis';
import { isBreak } from './readers/chars';
import { referencesOf } from './variableReferences';
import { EnvStatementReader, isEntry, keyLengthOf, keySpanEnd, keyStartOf } from './readers/env';
import { LimitedProblems, MAX_LISTED_PROBLEMS, limitProblems, withoutCodes, type Omissions } from './problemLimit';
import { keyRulesFor, rulesFor } from './rules';
import type { KeyList } from './rules/keys';
import { StatementTable, type Statement } from './statementTable';
import { PieceText } from './pieceText';
import type { Analysis, DiagnosticCode, DocumentKind, EnvVariable, FoundReference, Problem, ProblemData, SecretCatalog, Span, VariableWithReferences } from './types';

/** `[start, end)` of the text before the change replaced by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/**
 * The text past an edit that {@link IncrementalEnvAnalysis.apply} reads first: a keystroke's
 * statement and the next, nearly always (the window doubles when the reading runs past it).
 */
export const REREAD_WINDOW = 2048;

/** Problems that compare every key of the document; all others belong to one statement. */
export const DOCUMENT_WIDE: readonly DiagnosticCode[] = ['duplicate-key', 'too-many-variables'];

/** One change that kept the facts: the text from `at` on (before the change) moved by `delta`. */
export interface TextMove {
  readonly at: number;
  readonly delta: number;
}

/** A version of the text, as {@link IncrementalEnvAnalysis.movesSince} moves from it. */
export interface FactsMark {
  readonly revision: number;
  readonly moves: number;
}

/**
 * Moves kept before the facts count as changed anyway: what was found is then found again once,
 * rather than moved through an ever longer list (each keystroke inside a value is one move).
 */
const MAX_MOVES = 256;

/**
 * An env document's analysis, kept current by `apply`. Its `analysis()` equals
 * `analyze(text, kind, catalog)`; `problemsRevision` tells when the problems changed as a reader
 * of the document sees them.
 */
export class IncrementalEnvAnalysis {
  /** The statements that are entries (a variable or a reported line); blank and comment lines are not kept. */
  private statements: StatementTable;
  /**
   * Changes whenever the problems may have changed other than by moving with the text around them
   * without changing line or column: an edit inside one line that leaves that line's problems as
   * they were keeps it (the editor's diagnostics are then exactly the ones it already shows).
   */
  problemsRevision = 0;
  private current: { analysis: Analysis } | undefined;
  /** Counts applied changes, so a version's lazily assembled problems are never read from a later one. */
  private version = 0;
  /**
   * The document-wide problems for the current text, or undefined when keys changed since they
   * were found: they are found again (over every key) only then, and otherwise move with the text.
   */
  private wide: Problem[] | undefined;
  /**
   * Changes whenever a key, a reference or a line may have changed other than by moving with the
   * text, or the first line changed: all that rules reading a document's keys and references see
   * (the environment rules, template/environments/rules.ts, judged per keystroke against a
   * template's other files). While it stays, what such a rule found moves with the text
   * ({@link movesSince} and {@link movedAlong}) instead of being found again over every key.
   */
  factsRevision = 0;
  /** How the text moved since `factsRevision` last changed: spans from `at` on moved by `delta`, in order. */
  private moves: TextMove[] = [];
  /**
   * The text holds more statements than `maxEntries` (analyze.ts MAX_ANALYZED_ENTRIES: a statement
   * here is an entry there). Then `analyze` cuts it and this analysis cannot agree: it is not to be
   * used any more (the cache drops it). Reading stopped at the first statement past the count, so
   * a file past it costs no more than one at it.
   */
  pastLimit = false;

  /** The current text, in pieces: an edit reads only the part around it (see {@link apply}). */
  private text: PieceText;

  /**
   * @param maxEntries the count limit (analyze.ts ANALYSIS_LIMITS); tests use a small one
   * @param rereadWindow how much text past an edit {@link apply} first takes to read; tests use a small one
   */
  constructor(
    text: string | PieceText,
    readonly kind: DocumentKind,
    readonly catalog: SecretCatalog,
    private readonly maxEntries = ANALYSIS_LIMITS.entries,
    private readonly rereadWindow = REREAD_WINDOW,
  ) {
    this.text = typeof text === 'string' ? PieceText.of(text) : text;
    const read = readStatements(this.text.flat(), kind, catalog, 0, maxEntries);
    if (!read) {
      this.pastLimit = true;
      this.statements = new StatementTable();
      return;
    }
    this.statements = read.statements;
  }

  /**
   * The analysis of the current text. Everything in it is computed when first read, once per
   * version: a keystroke whose problems look the same is answered from the converted diagnostics
   * of an earlier version and never reads them (assembling them meant a pass over every statement).
   */
  analysis(): Analysis {
    if (!this.current) {
      // The whole text is built only when something reads the variables or references of the
      // whole document; the problems come from the statements, without it.
      const pieces = this.text;
      const kind = this.kind;
      let read: { variables: EnvVariable[]; references: FoundReference[] } | undefined;
      let references: FoundReference[] | undefined;
      let problems: Problem[] | undefined;
      const version = this.version;
      const assemble = (): Problem[] => {
        // The statements have moved on since: this version's problems cannot be had any more.
        if (!problems && version !== this.version) throw new Error('the problems of an analysis were first read after the document changed');
        return (problems ??= this.assembleProblems());
      };
      const variablesAndReferences = (): { variables: EnvVariable[]; references: FoundReference[] } => {
        if (!read) {
          const r = analyzeReferences(pieces.flat(), kind);
          read = { variables: r.variables, references: references ?? r.references.flat() };
        }
        return read;
      };
      // Nothing of the reading is kept but the statements: a variable per line of a file of short
      // lines was most of what an open document held. The references alone are read without
      // keeping variables, and the outline and the index read variables one at a time.
      const referencesOnly = (): FoundReference[] => read?.references ?? (references ??= referencesOfText(pieces.flat()));
      this.current = {
        analysis: {
          kind,
          get problems() {
            return assemble();
          },
          get variables() {
            return variablesAndReferences().variables;
          },
          get references() {
            return referencesOnly();
          },
          eachVariable: (referencesOnly?: () => boolean) => {
            const text = pieces.flat();
            return eachVariableOf(text, referencesOnly && { referencesOnly, from: (at) => (version === this.version ? this.nextBraceStatement(text, at) : at) });
          },
        },
      };
    }
    return this.current.analysis;
  }

  /**
   * Where a reading of `text` at statement start `at` may go on when only references are wanted:
   * the start of the statement holding the next `{` (a reference's `{{` decodes from written
   * braces only: env escapes make no brace), else the end. Only statements that are rows can hold
   * one; the others are blank or comment lines. The rows must be `text`'s (the caller checks).
   */
  private nextBraceStatement(text: string, at: number): number {
    const brace = text.indexOf('{', at);
    if (brace < 0) return text.length;
    const row = this.statements.firstEndingAtOrAfter(brace + 1);
    return row < this.statements.length ? Math.max(at, this.statements.start(row)) : text.length;
  }

  /**
   * Applies one change; `after` is the whole text after it. Re-reads from the first statement the
   * change touches until the reading is back in step with the old statements, then moves the rest.
   * Only the text around the change is read: a window past it, widened until the reading is back
   * in step inside it, so a keystroke never needs the whole text as one string (pieceText.ts).
   */
  apply(change: TextChange, after: string | PieceText): void {
    const text = typeof after === 'string' ? PieceText.of(after) : after;
    const old = this.text;
    const statements = this.statements;
    const delta = change.text.length - (change.end - change.start);
    const from = this.rereadStart(change, old);

    // Read the new text from `from` until a statement start past the change that was also a
    // statement start before it (text after the change is the old text, moved by `delta`).
    const changedEnd = change.start + change.text.length;
    const { window, end: p } = this.readInStep(text, from, changedEnd, delta);
    const oldEnd = p - delta;

    // The old statements of [from, oldEnd) give way to the statements read from a copy of [from, p).
    const first = statements.firstStartingAtOrAfter(from);
    const last = statements.firstStartingAtOrAfter(oldEnd);
    // The statements read must not take the document past the count (nor hold more than it in memory).
    const reread = readStatements(ownCopy(window, 0, p - from), this.kind, this.catalog, from, this.maxEntries - (statements.length - (last - first)), true);
    if (!reread) {
      this.pastLimit = true;
      this.statements = new StatementTable();
      return;
    }
    const fresh = reread.statements.rows();
    const replaced = statements.rows(first, last);
    const sameKeys = sameKeysIn(replaced, old, fresh, text, from);
    const linesKept = sameLines(old, oldEnd, text, p, from, change, delta);
    // The same lines (relative to `from`) and the same problems at the same offsets: the same lines
    // and columns, here and for everything after.
    if (!sameKeys || !sameProblemsIn(replaced, fresh, from) || !linesKept) this.problemsRevision++;
    // Keys the same, at the same places: the document-wide problems (on keys) stay, or move with
    // the text after the re-read part.
    this.wide = sameKeys && this.wide ? this.wide.map((problem) => moveProblem(problem, oldEnd, delta)) : undefined;
    // The first line is where missing-in-environment reports the keys a file lacks: a change in it
    // (before its line break) changes that span. Unclosed quotes read to the end: never judged the same.
    const sameFacts =
      sameKeys &&
      this.moves.length < MAX_MOVES &&
      change.start > firstBreak(old) &&
      !replaced.some((s) => s.unclosedQuote) &&
      !fresh.some((s) => s.unclosedQuote) &&
      linesKept &&
      sameReferencesIn(referencesIn(old, replaced), reread.references, from - (replaced[0]?.start ?? from));
    if (sameFacts) this.moves.push({ at: oldEnd, delta });
    else {
      this.factsRevision++;
      this.moves = [];
    }
    statements.replace(first, last, reread.statements, delta);
    this.text = text;
    this.current = undefined;
    this.version++;
  }

  /**
   * Reads `text` (after a change ending at `changedEnd`) from statement start `from` until a
   * statement start that was one before the change (`delta`: how far the change moved the text
   * after it). Reads a window of the text, widened while the reading cannot be trusted to read as
   * the whole text would: a statement reaching the window's end (its line may go on), or a quote
   * it does not close (a later quote may). `end` is where the reading stopped; `window` the text
   * from `from`, up to at least `end`.
   */
  private readInStep(text: PieceText, from: number, changedEnd: number, delta: number): { window: string; end: number } {
    const scratchVariables: EnvVariable[] = [];
    const scratchProblems: Problem[] = [];
    for (let size = Math.max(changedEnd - from, 0) + this.rereadWindow; ; size *= 2) {
      const windowEnd = Math.min(text.length, from + size);
      const whole = windowEnd === text.length;
      const window = text.slice(from, windowEnd);
      const reader = new EnvStatementReader(window, from === 0);
      let p = from;
      let trusted = true;
      while (p < text.length && !(p >= changedEnd && this.wasStatementStart(p - delta, p))) {
        const next = from + reader.read(p - from, scratchVariables, scratchProblems);
        scratchVariables.length = 0;
        scratchProblems.length = 0;
        if (!whole && (next >= windowEnd || reader.unclosedQuote !== 0)) {
          trusted = false;
          break;
        }
        p = next;
      }
      if (trusted) return { window, end: p };
    }
  }

  /**
   * How the text moved since `mark` (for {@link movedAlong}), or undefined when the keys, references
   * or lines changed since. A copy: the moves of later changes are not in it.
   */
  movesSince(mark: FactsMark): readonly TextMove[] | undefined {
    return mark.revision === this.factsRevision ? this.moves.slice(mark.moves) : undefined;
  }

  /** Where the text is now, for {@link movesSince}. */
  factsMark(): FactsMark {
    return { revision: this.factsRevision, moves: this.moves.length };
  }

  /**
   * The variables and references of the statement(s) at `offset`, read from the current text:
   * what hover and completion need, without reading the whole document after an edit.
   */
  around(offset: number): Pick<Analysis, 'variables' | 'references'> {
    const variables: EnvVariable[] = [];
    const reader = new EnvStatementReader(this.text.flat());
    const scratch: Problem[] = [];
    const statements = this.statements;
    for (let i = statements.firstEndingAtOrAfter(offset); i < statements.length && statements.start(i) <= offset; i++) {
      reader.read(statements.start(i), variables, scratch);
    }
    return { variables, references: referencesOf(variables).flat() };
  }

  /**
   * Where re-reading must start for `change`: the start of the statement holding it (or ending
   * right at it: a line break typed there can join its line), else the start of its line; earlier
   * when the change may close a quote that an earlier statement leaves open.
   */
  private rereadStart(change: TextChange, old: PieceText): number {
    const statements = this.statements;
    const at = change.start;
    const i = statements.firstEndingAtOrAfter(at);
    let from: number;
    if (i < statements.length && statements.start(i) <= at) from = statements.start(i);
    else {
      // In blank or comment lines: the line's start is where the reader would start too.
      from = at;
      const floor = i > 0 ? statements.end(i - 1) : 0;
      while (from > floor && !isBreak(old.charCodeAt(from - 1))) from--;
    }
    // Statements whose quote is never closed are rare (at most one per kind of quote stays open):
    // looked for only while there are any.
    if (statements.hasOpenQuotes()) {
      for (let k = 0; k < statements.length && statements.start(k) < from; k++) {
        const quote = statements.quote(k);
        if (quote && mayCloseQuote(quote, change, old)) from = statements.start(k);
      }
    }
    return from;
  }

  /**
   * Whether the old reading started a statement (or a blank or comment line) at `offset`, where
   * the new reading is now at `at`: the document's start reads differently elsewhere when it is a BOM.
   */
  private wasStatementStart(offset: number, at: number): boolean {
    // The text from here on is the same in both (past the change), but a BOM reads as one only at 0.
    if ((offset === 0) !== (at === 0) && this.text.charCodeAt(offset) === 0xfeff) return false;
    if (offset === 0) return true;
    const statements = this.statements;
    const i = statements.firstEndingAtOrAfter(offset + 1);
    if (i < statements.length && statements.start(i) <= offset) return statements.start(i) === offset;
    return isLineStart(this.text, offset);
  }

  /**
   * Every problem with document offsets, sorted as `analyze` sorts them: statement problems in
   * statement order, with the document-wide ones (found by running the rules over the keys alone)
   * merged in after any statement problem with the same span, where `analyze`'s stable sort puts them.
   */
  private assembleProblems(): Problem[] {
    const wide = (this.wide ??= this.documentWideProblems());
    const out: Problem[] = [];
    // Statements keep all their problems (an edit may bring an unlisted one into the list); the
    // list is cut here, as analyze() cuts it, and only listed problems are copied to their place.
    const listed = new Map<DiagnosticCode, number>();
    const omitted: Omissions = new Map();
    let w = 0;
    const statements = this.statements;
    for (let i = 0; i < statements.length; i++) {
      const at = statements.start(i);
      for (let k = 0, n = statements.problemCount(i); k < n; k++) {
        const p = statements.problem(i, k);
        // No span built for a problem not listed (one per line of a pasted file, on every assembly).
        const start = p.span.start + at;
        const end = p.span.end + at;
        while (w < wide.length && startsBefore(wide[w]!.span, start, end)) out.push(wide[w++]!);
        const count = listed.get(p.code) ?? 0;
        if (count < MAX_LISTED_PROBLEMS) {
          listed.set(p.code, count + 1);
          out.push(shiftProblem(p, at));
        } else {
          // Statements and their problems come in document order: the first omitted stays the first.
          const o = omitted.get(p.code);
          if (o) o.count++;
          else omitted.set(p.code, { count: 1, first: { start, end } });
        }
      }
    }
    while (w < wide.length) out.push(wide[w++]!);
    // The wide problems come limited already, with their notes; this adds the statements' notes.
    return limitProblems(out, omitted);
  }

  /**
   * The problems that compare every key, found by the rules on keys alone, read from the statements
   * (a variable per key was 30 MB at the peak of a 390,000-line file's first problems).
   */
  private documentWideProblems(): Problem[] {
    const text = this.text.flat();
    return documentWideProblems(text, this.kind, this.catalog, statementKeys(this.statements, text));
  }
}

/**
 * The problems that compare every key, found by the key rules on `keys` alone, limited, with the
 * notes saying how many were not listed.
 */
function documentWideProblems(text: string, kind: DocumentKind, catalog: SecretCatalog, keys: KeyList): Problem[] {
  const sink = new LimitedProblems();
  const ctx = { text, kind, catalog, variables: [], references: [], keys, problems: sink };
  for (const rule of keyRulesFor(kind)) rule(ctx);
  const omitted: Omissions = new Map([...sink.omitted].filter(([code]) => DOCUMENT_WIDE.includes(code)));
  return limitProblems(sink.listed.filter((p) => DOCUMENT_WIDE.includes(p.code)).sort(byPosition), omitted);
}

/** The keys of the statements that have one, as the key rules read them (where they are written in the text). */
function statementKeys(statements: StatementTable, text: string): KeyList {
  let length = 0;
  for (let i = 0; i < statements.length; i++) if (statements.keyStart(i) >= 0) length++;
  // Key `i` is row `i` when every row has a key (the usual file): no table of rows then.
  let rows: Int32Array | undefined;
  if (length < statements.length) {
    rows = new Int32Array(length);
    for (let i = 0, k = 0; i < statements.length; i++) if (statements.keyStart(i) >= 0) rows[k++] = i;
  }
  const row = (i: number): number => (rows ? rows[i]! : i);
  const start = (i: number): number => statements.start(row(i)) + statements.keyStart(row(i));
  const keyLength = (i: number): number => statements.keyEnd(row(i)) - statements.keyStart(row(i));
  return {
    length,
    // As keyStartOf: an empty key is not written anywhere.
    at: (i) => (keyLength(i) > 0 ? start(i) : -1),
    keyLength,
    key: (i) => text.slice(start(i), start(i) + keyLength(i)),
    keySpan: (i) => ({ start: start(i), end: keySpanEnd(start(i), start(i) + keyLength(i)) }),
  };
}

/**
 * The statements of `text` (a whole document, or a copy of the part being re-read), with the
 * problems of every rule except the document-wide ones; `offset` is where `text` starts in the
 * document. Undefined when `text` holds more than `maxStatements` (reading stops at the one past it).
 * @param keepReferences return the references found (an edit compares them), else none are kept
 */
function readStatements(
  text: string,
  kind: DocumentKind,
  catalog: SecretCatalog,
  offset: number,
  maxStatements: number,
  keepReferences = false,
): { statements: StatementTable; references: FoundReference[] } | undefined {
  const reader = new EnvStatementReader(text, offset === 0);
  const statements = new StatementTable(rowsAtMost(text, maxStatements));
  const round: Round = { text, kind, catalog, statements, firstRow: 0, variables: [], syntax: [], references: keepReferences ? [] : undefined };
  for (let i = 0; i < text.length; ) {
    const v = round.variables.length;
    const p = round.syntax.length;
    const next = reader.read(i, round.variables, round.syntax);
    if (isEntry(round.variables.length - v, round.syntax.length - p)) {
      if (statements.length >= maxStatements) return undefined;
      if (round.variables.length > v) {
        const variable = round.variables[v]!;
        const keyStart = keyStartOf(variable);
        // -1 there is an empty key: its span starts at the `=` right after where it would be.
        const at = keyStart >= 0 ? keyStart : variable.keySpan.start;
        statements.push(i, next, at - i, at - i + keyLengthOf(variable), reader.unclosedQuote);
      } else statements.push(i, next, -1, -1, reader.unclosedQuote);
      if (statements.length - round.firstRow >= STATEMENTS_PER_ROUND) judgeRound(round);
    }
    i = next;
  }
  judgeRound(round);
  statements.shift(offset);
  return { statements, references: round.references ?? [] };
}

/**
 * The rows a reading of `text` can need: one per line start (a CRLF counted twice), at most `max`.
 * Sized so, the table is never copied to grow while a file is read (at its last doubling the old
 * and the new columns of a 390,000-line file took 13 MB together, the final ones 8).
 */
function rowsAtMost(text: string, max: number): number {
  let rows = 1;
  for (let at = text.indexOf('\n'); at >= 0 && rows < max; at = text.indexOf('\n', at + 1)) rows++;
  for (let at = text.indexOf('\r'); at >= 0 && rows < max; at = text.indexOf('\r', at + 1)) rows++;
  return Math.max(1, Math.min(rows, max));
}

/** The statements read since the last round of the rules (rows `firstRow` on), and what they gave. */
interface Round {
  readonly text: string;
  readonly kind: DocumentKind;
  readonly catalog: SecretCatalog;
  readonly statements: StatementTable;
  firstRow: number;
  variables: EnvVariable[];
  syntax: Problem[];
  /** Every reference found so far, when kept. */
  readonly references: FoundReference[] | undefined;
}

/** Runs the rules over the statements of `round`, hands each its problems, and starts the next round. */
function judgeRound(round: Round): void {
  const { text, kind, statements, variables } = round;
  // Every problem of the part, unlimited: which ones are listed depends on the whole document.
  const sink = new LimitedProblems(Infinity);
  // The document-wide problems this part alone gives are not the document's: they are found over
  // every key when the problems are assembled, so they are not even built here (a duplicate per line
  // of a pasted file, each with a message and related information, only to be dropped).
  const references = judgeStatements(text, kind, round.catalog, variables, round.syntax, withoutCodes(sink, DOCUMENT_WIDE), rulesFor(kind));
  if (round.references) for (const refs of references) for (const ref of refs) round.references.push(ref);
  const local = sink.listed.sort(byPosition);
  // Each problem lies inside its statement: hand them out in one merge, relative to the statement.
  let s = round.firstRow;
  for (const problem of local) {
    while (s + 1 < statements.length && statements.start(s + 1) <= problem.span.start) s++;
    // `0 - start`, not `-start`: -0 for the first statement, and a span computed from -0 is a
    // heap number, which turns the field of every `{ start, end }` object literal in the process
    // into a boxed double (16 bytes more per span: 12 MB for a file of 390,000 problem lines).
    const moved = moveOwnProblem(problem, 0 - statements.start(s));
    statements.addProblem(s, moved);
  }
  round.firstRow = statements.length;
  round.variables = [];
  round.syntax = [];
}

/** Every reference of an env text, in document order, with no variable kept. */
function referencesOfText(text: string): FoundReference[] {
  const out: FoundReference[] = [];
  for (const { references } of eachVariableOf(text)) for (const ref of references) out.push(ref);
  return out;
}

/** Lets a reading that wants only references jump to where the next one may be (`Analysis.eachVariable`). */
interface ReferenceJump {
  referencesOnly: () => boolean;
  /** From statement start `at`, the next statement start that may hold a reference (at least `at`). */
  from: (at: number) => number;
}

/** Each variable of an env text with its references, read one statement at a time as the caller goes. */
function* eachVariableOf(text: string, jump?: ReferenceJump): Iterable<VariableWithReferences> {
  const reader = new EnvStatementReader(text);
  const variables: EnvVariable[] = [];
  const scratch: Problem[] = [];
  for (let i = 0; i < text.length; ) {
    if (jump?.referencesOnly()) {
      i = jump.from(i);
      if (i >= text.length) break;
    }
    i = reader.read(i, variables, scratch);
    scratch.length = 0;
    if (variables.length > 0) {
      const variable = variables.pop()!;
      yield { variable, references: referencesOf([variable])[0]! };
    }
  }
}

function shiftSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/**
 * `problem`, a rule's or the reader's own object (each pushes a fresh one), with every span moved
 * by `by`: fresh spans, since a span may be a reference's, but no copy of the problem (one per line
 * of a file of problem lines, alive with the original at the moment the reading holds the most).
 */
function moveOwnProblem(problem: Problem, by: number): Problem {
  problem.span = shiftSpan(problem.span, by);
  if (problem.related) problem.related = problem.related.map((r) => ({ span: shiftSpan(r.span, by), message: r.message }));
  const data = problem.data;
  if (data?.fix) data.fix = { ...data.fix, span: shiftSpan(data.fix.span, by) };
  if (data?.valueSpan) data.valueSpan = shiftSpan(data.valueSpan, by);
  return problem;
}

/** A copy of `problem` with every span moved by `by`. */
function shiftProblem(problem: Problem, by: number): Problem {
  return mapSpans(problem, (span) => shiftSpan(span, by));
}

/** A copy of `problem` with `map` applied to every span it holds. */
function mapSpans(problem: Problem, map: (span: Span) => Span): Problem {
  const moved: Problem = { code: problem.code, span: map(problem.span), message: problem.message, severity: problem.severity };
  if (problem.related) moved.related = problem.related.map((r) => ({ span: map(r.span), message: r.message }));
  if (problem.data) {
    const data: ProblemData = { ...problem.data };
    if (data.fix) data.fix = { ...data.fix, span: map(data.fix.span) };
    if (data.valueSpan) data.valueSpan = map(data.valueSpan);
    moved.data = data;
  }
  return moved;
}

/**
 * Whether the re-read statements have the same keys at the same places relative to the start of
 * the re-read part as the ones they replace (so the document-wide problems stay as they were).
 */
function sameKeysIn(before: readonly Statement[], oldText: PieceText, after: readonly Statement[], newText: PieceText, from: number): boolean {
  const keyed = (list: readonly Statement[]): Statement[] => list.filter((s) => s.keyStart >= 0);
  const a = keyed(before);
  const b = keyed(after);
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    const at = x.start + x.keyStart;
    const length = x.keyEnd - x.keyStart;
    if (at - from !== y.start + y.keyStart - from || length !== y.keyEnd - y.keyStart || x.keySpanEnd - x.keyStart !== y.keySpanEnd - y.keyStart) return false;
    if (oldText.slice(at, at + length) !== newText.slice(at, at + length)) return false;
  }
  return true;
}

/**
 * The references of `statements` (in order) as they read in `text`, self-contained statements (no
 * unclosed quote): read from the part of the text they cover and the character after it (a `\r`
 * at their end may be half of a `\r\n`). Spans are relative to the first statement's start.
 */
function referencesIn(text: PieceText, statements: readonly Statement[]): FoundReference[] {
  if (statements.length === 0) return [];
  const at = statements[0]!.start;
  const part = text.slice(at, statements[statements.length - 1]!.end + 1);
  const variables: EnvVariable[] = [];
  const scratch: Problem[] = [];
  const reader = new EnvStatementReader(part, at === 0);
  for (const s of statements) reader.read(s.start - at, variables, scratch);
  return referencesOf(variables).flat();
}

/**
 * Whether two readings hold the same references at the same places, `after` relative to where
 * the re-read copy starts and `before` relative to `from` characters earlier (its own reading's
 * start): every field a reference carries.
 */
function sameReferencesIn(before: readonly FoundReference[], after: readonly FoundReference[], from: number): boolean {
  if (before.length !== after.length) return false;
  const at = (span: Span, by: number): string => `${span.start + by}:${span.end + by}`;
  return before.every((a, k) => {
    const b = after[k]!;
    return (
      a.name === b.name &&
      a.variableKey === b.variableKey &&
      a.wellFormed === b.wellFormed &&
      a.canonical === b.canonical &&
      a.embedded === b.embedded &&
      a.form === b.form &&
      at(a.span, -from) === at(b.span, 0) &&
      at(a.nameSpan, -from) === at(b.nameSpan, 0)
    );
  });
}

/** Where the first line break is (the text's length without one): the first line ends at or before it. */
function firstBreak(text: PieceText): number {
  const nl = text.indexOf('\n');
  return nl < 0 ? text.length : nl;
}

/**
 * Whether the re-read statements report exactly what the replaced ones did, at the same places
 * relative to the start of the re-read part (so at the same line and column, when the part keeps
 * its number of lines).
 */
function sameProblemsIn(before: readonly Statement[], after: readonly Statement[], from: number): boolean {
  const a = problemsOf(before, from);
  const b = problemsOf(after, from);
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!sameProblem(a[k]!, b[k]!)) return false;
  return true;
}

function problemsOf(statements: readonly Statement[], from: number): Problem[] {
  const problems: Problem[] = [];
  for (const s of statements) for (const p of s.problems) problems.push(shiftProblem(p, s.start - from));
  return problems;
}

/**
 * `problems` moved with the text through `moves`, in order: one copy of each problem whatever the
 * number of moves (a span's two numbers go through them all), so an answer kept over many
 * keystrokes is moved once, when read.
 */
export function movedAlong(problems: readonly Problem[], moves: readonly TextMove[]): Problem[] {
  if (moves.length === 0) return [...problems];
  const map = (span: Span): Span => {
    let by = 0;
    for (const m of moves) if (span.start + by >= m.at) by += m.delta;
    return by === 0 ? span : shiftSpan(span, by);
  };
  return problems.map((problem) => mapSpans(problem, map));
}

/** `problem` after a re-read of the text up to `oldEnd` that kept every key in place: spans after it move by `delta`. */
function moveProblem(problem: Problem, oldEnd: number, delta: number): Problem {
  return mapSpans(problem, (span) => (span.start >= oldEnd ? shiftSpan(span, delta) : span));
}

function sameSpan(a: Span | undefined, b: Span | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.start === b.start && a.end === b.end);
}

/** Whether two problems say the same thing at the same place (every field a problem can carry). */
export function sameProblem(a: Problem, b: Problem): boolean {
  if (a.code !== b.code || a.severity !== b.severity || a.message !== b.message || !sameSpan(a.span, b.span)) return false;
  const ra = a.related ?? [];
  const rb = b.related ?? [];
  if (ra.length !== rb.length || ra.some((r, k) => r.message !== rb[k]!.message || !sameSpan(r.span, rb[k]!.span))) return false;
  const da = a.data;
  const db = b.data;
  if (da === undefined || db === undefined) return da === db;
  return (
    da.name === db.name &&
    da.suggestion === db.suggestion &&
    da.suggestedName === db.suggestedName &&
    sameSpan(da.valueSpan, db.valueSpan) &&
    sameSpan(da.fix?.span, db.fix?.span) &&
    da.fix?.newText === db.fix?.newText &&
    da.fix?.title === db.fix?.title &&
    da.notListed?.code === db.notListed?.code &&
    da.notListed?.count === db.notListed?.count
  );
}

/**
 * Whether `change` may close a quote left open earlier. A `'` is closed by any later `'`; a `"` by
 * any later `"` that no backslash escapes, so typing or removing a `"` or a backslash, or typing
 * right after a backslash, may close it.
 */
function mayCloseQuote(quote: number, change: TextChange, old: PieceText): boolean {
  if (quote === 39) return change.text.includes("'");
  const touches = (s: string): boolean => s.includes('"') || s.includes('\\');
  return touches(change.text) || touches(old.slice(change.start, change.end)) || old.charCodeAt(change.start - 1) === 92;
}


/** Whether a line starts at `offset` (not between the CR and LF of a CRLF). */
function isLineStart(text: PieceText, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  return before === 10 || (before === 13 && text.charCodeAt(offset) !== 10);
}

/**
 * Whether the lines of the re-read part start where they did, moved by the change: every line
 * start after `from` (up to the part's end) in the old text, mapped through the change, is one in
 * the new text. Then the statements after the part keep their lines, and (with problems at the
 * same offsets from `from`) so do the re-read problems.
 */
function sameLines(old: PieceText, oldEnd: number, text: PieceText, end: number, from: number, change: TextChange, delta: number): boolean {
  const before = lineStarts(old, from, oldEnd);
  const after = lineStarts(text, from, end);
  if (before.length !== after.length) return false;
  for (let k = 0; k < before.length; k++) {
    const x = before[k]!;
    if (x > change.start && x < change.end) return false;
    if ((x <= change.start ? x : x + delta) !== after[k]) return false;
  }
  return true;
}

/**
 * Offsets in `[from, end]` where a line starts (after LF, CRLF or a lone CR), `from` itself
 * included (it is one in neither or both texts unless text typed between a CR and its LF made the
 * CR end a line of its own: re-reading starts right after such a CR).
 */
function lineStarts(text: PieceText, from: number, end: number): number[] {
  const starts: number[] = [];
  for (let k = Math.max(0, from - 1); k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) starts.push(k + 1);
  }
  return starts;
}

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a slice of 13 or more characters a
 * view into the original string, which keeps the whole original alive: statements read from such
 * a slice would keep every old version of the document in memory, one per edit (measured: 2,000
 * edits of a 400 KB file kept 31 MB more with plain slices, nothing with this). Slicing a
 * concatenation makes V8 copy the characters first.
 */
function ownCopy(text: string, start: number, end: number): string {
  return `${text.slice(start, end)} `.slice(0, -1);
}

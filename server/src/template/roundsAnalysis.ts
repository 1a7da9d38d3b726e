/**
 * A document read and judged in rounds of statements: what analyze() does for a document within
 * the limits, and what the incremental analysis does for an env document's first reading
 * (incremental.ts). Env documents (`runpod-env`, `dotenv`) are read a statement at a time; the
 * JSON kinds' readers hand their variables over as their walk finds them (VariableRounds). A
 * statement's problems depend on its own text only, but for the document-wide ones (every key
 * compared), so the rules can judge the statements of one round while the text is read, and the
 * key rules judge every key at the end from their offsets alone.
 *
 * Why rounds rather than reading everything, then judging: the variables of one round are garbage
 * once they are judged, so a reading never holds a variable per line. Holding them cost more than
 * the reading itself on large files: at 100,000 generated lines, `analyze()` kept 8 MB of
 * variables and 4 MB of references while it ran, which V8's young collections copied over and over
 * (42 ms of pauses a run) and which the rules then walked again out of the CPU's caches: 10x the
 * lines cost 44x the time. Read in rounds, 10x the lines cost about 10x (BENCHMARKS.md).
 */
import { allOmissions, LimitedProblems, limitProblems, type ProblemSink } from './problemLimit';
import { readerFor, readerIntoFor, type ReaderInto } from './readers';
import { KeyOffsets } from './keyOffsets';
import { EnvStatementReader, isEntry } from './readers/env';
import { keyRulesFor, statementRulesFor, type Rule } from './rules';
import type { Analysis, DocumentKind, EnvVariable, FoundReference, InputKey, Problem, SecretCatalog, Span } from './types';
import { isEnvKind } from './types';
import { flatReferences, referencesOf } from './variableReferences';

/**
 * Statements judged per round of the rules while a text is read. A round is what V8 finds alive
 * at each young collection of the reading, so its size decides how much the young generation
 * grows: at 4,096 statements, opening 390,000 lines of `A=1` in the server peaked about 2 MB higher
 * than at 1,024 (and with the duplicate-key tables of before, every other open grew the young
 * generation to its maximum, 17 MB more); 256 was no better, and the reading's CPU time was the
 * same at all three.
 */
export const STATEMENTS_PER_ROUND = 1024;

/**
 * Runs `rules` over one round: its variables, and the syntax problems its reading gave, into `sink`.
 * @returns the references of each variable, parallel to `variables`
 */
export function judgeStatements(
  text: string,
  kind: DocumentKind,
  catalog: SecretCatalog,
  variables: readonly EnvVariable[],
  syntax: readonly Problem[],
  sink: ProblemSink,
  rules: readonly Rule[],
): FoundReference[][] {
  // dotenv is VS Code's language: we add reference checks but never judge its syntax.
  if (kind !== 'dotenv') for (const problem of syntax) sink.push(problem);
  const references = referencesOf(variables);
  const ctx = { text, kind, catalog, variables, references, problems: sink };
  for (const rule of rules) rule(ctx);
  return references;
}

export function byPosition(a: Problem, b: Problem): number {
  return a.span.start - b.span.start || a.span.end - b.span.end;
}

/** Whether `a` sorts before the span `[start, end)` (by start, then end). */
export function startsBefore(a: Span, start: number, end: number): boolean {
  return a.start < start || (a.start === start && a.end < end);
}

/**
 * analyze() of a whole env document, read in rounds (of `roundSize` statements: tests use small
 * ones); undefined when it holds more than `maxEntries` entries (analyze() then cuts it). The problems are exactly those of reading
 * everything first (a property test compares both); the variables and references are read when
 * first asked for (most callers want the problems only).
 */
export function analyzeEnvInRounds(text: string, kind: DocumentKind, catalog: SecretCatalog, maxEntries: number, roundSize = STATEMENTS_PER_ROUND): Analysis | undefined {
  const reader = new EnvStatementReader(text);
  const keys = new KeyOffsets();
  // Listed as analyze() lists them: each rule pushes a code's problems in document order, round
  // after round, so the first ones of each code are listed, and rules skip building the others.
  const sink = new LimitedProblems();
  let variables: EnvVariable[] = [];
  let syntax: Problem[] = [];
  let entries = 0;
  let inRound = 0;
  const statementRules = statementRulesFor(kind);
  for (let i = 0; i < text.length; ) {
    const v = variables.length;
    const p = syntax.length;
    const next = reader.read(i, variables, syntax);
    if (isEntry(variables.length - v, syntax.length - p)) {
      if (++entries > maxEntries) return undefined;
      if (variables.length > v) keys.pushKeyOf(variables[v]!, text);
      if (++inRound >= roundSize) {
        judgeStatements(text, kind, catalog, variables, syntax, sink, statementRules);
        variables = [];
        syntax = [];
        inRound = 0;
      }
    }
    i = next;
  }
  judgeStatements(text, kind, catalog, variables, syntax, sink, statementRules);
  return judgeKeys(text, kind, catalog, keys, sink);
}

/**
 * The variables a reader hands over (readers/env.ts VariableList), judged `roundSize` at a time
 * by `judge` as they come, and not kept once judged.
 */
export class VariableRounds {
  private round: EnvVariable[] = [];
  /** Variables handed over in rounds already judged. */
  private judged = 0;
  /** The reader dropped variables a round had already judged (a repeated `env`): the judgement is void. */
  dropped = false;

  constructor(
    private readonly judge: (round: EnvVariable[]) => void,
    private readonly roundSize: number,
  ) {}

  get length(): number {
    return this.judged + this.round.length;
  }

  /** Shortened by a repeated `env` (lastProperty.ts); dropping from the round not yet judged costs nothing. */
  set length(length: number) {
    if (length < this.judged) {
      this.dropped = true;
      this.judged = length;
    }
    this.round.length = length - this.judged;
  }

  push(variable: EnvVariable): void {
    this.round.push(variable);
    if (this.round.length >= this.roundSize) this.end();
  }

  /** Judges the round under way: at each round's end, and once the reader is done. */
  end(): void {
    // Once the judgement is void, the rest is only counted (the reader still reads to its end).
    if (!this.dropped) this.judge(this.round);
    this.judged += this.round.length;
    this.round = [];
  }
}

/**
 * analyze() of a whole document whose reader hands its variables over as it reads them
 * (readers/index.ts readerIntoFor): each round judged by the statement rules as it comes, the keys
 * kept as offsets for the key rules at the end. Undefined where that cannot give analyze()'s answer
 * cheaply, and analyze() reads the document at once instead (rare):
 * - past `maxEntries` entries (analyze() cuts the document);
 * - when a repeated `env` or `config` (lastProperty.ts: the last one wins) drops variables of a
 *   round already judged: a repeat within the first round costs nothing.
 */
function analyzeReadInRounds(read: ReaderInto, text: string, kind: DocumentKind, catalog: SecretCatalog, maxEntries: number, roundSize: number): Analysis | undefined {
  const keys = new KeyOffsets();
  const sink = new LimitedProblems();
  const statementRules = statementRulesFor(kind);
  const variables = new VariableRounds((round) => {
    for (const variable of round) keys.pushKeyOf(variable, text);
    judgeStatements(text, kind, catalog, round, [], sink, statementRules);
  }, roundSize);
  const result = read(text, variables, text.length, maxEntries);
  if (result.countReached || variables.dropped) return undefined;
  variables.end();
  return lazyAnalysis(text, kind, problemsInRounds(text, kind, catalog, keys, sink, result.problems), result.inputKeys);
}

/**
 * analyze() of a whole document (within the size limit) read in rounds of `roundSize` statements or
 * variables (tests use small ones), or undefined when it must be read at once: a kind not read in
 * rounds, or a document {@link analyzeEnvInRounds} or {@link analyzeReadInRounds} turns back.
 */
export function analyzeInRounds(text: string, kind: DocumentKind, catalog: SecretCatalog, maxEntries: number, roundSize = STATEMENTS_PER_ROUND): Analysis | undefined {
  if (isEnvKind(kind)) return analyzeEnvInRounds(text, kind, catalog, maxEntries, roundSize);
  const read = readerIntoFor(kind);
  return read && analyzeReadInRounds(read, text, kind, catalog, maxEntries, roundSize);
}

/**
 * The end of a reading in rounds whose reader handed its problems over with each round (pushed
 * into `sink` before the round's rule problems, as judgeStatements does): the key rules once over
 * every key, and the lazy analysis (runpod.toml, tomlRounds.ts).
 */
export function judgeKeys(text: string, kind: DocumentKind, catalog: SecretCatalog, keys: KeyOffsets, sink: LimitedProblems): Analysis {
  return lazyAnalysis(text, kind, problemsInRounds(text, kind, catalog, keys, sink, []));
}

/**
 * The problems of a document judged in rounds: the statement rules' in `sink`, the reader's
 * `readerProblems` found at its end (a JSON syntax error, a repeated field), and the key rules',
 * run here once over every key. Exactly analyze()'s: see the comments below.
 */
function problemsInRounds(text: string, kind: DocumentKind, catalog: SecretCatalog, keys: KeyOffsets, sink: LimitedProblems, readerProblems: readonly Problem[]): Problem[] {
  // The reader's problems first, as analyze() pushes them before any rule's: a repeated field's
  // duplicate-key counts against the cap of listed problems before the key rule's duplicates.
  const keySink = new LimitedProblems();
  for (const problem of readerProblems) keySink.push(problem);
  const fromReader = keySink.listed.length;
  // The key rules once, over every key: they compare keys, and judge each one as they go.
  const ctx = { text, kind, catalog, variables: [], references: [], keys: keys.list(text), problems: keySink };
  for (const rule of keyRulesFor(kind)) rule(ctx);
  // Sorted as analyze() sorts (stably: ties keep the order they were found in), from the order
  // analyze() finds them in: the reader's, then the statement rules' (every problem of a span comes
  // from one statement, so from one round, in rule order), then the key rules' after any other of
  // their span, where analyze()'s order of rules puts them (the rules after them, the credential
  // rule, report inside values, never on a key).
  const listed = keySink.listed;
  const problems = [...listed.slice(0, fromReader), ...sink.listed, ...listed.slice(fromReader)].sort(byPosition);
  // What each sink left out, added up (they count different codes today; a code both count adds).
  return limitProblems(problems, allOmissions(sink.omitted, keySink.omitted));
}

/** A document's analysis with `problems`, its variables and references read again when first asked for. */
function lazyAnalysis(text: string, kind: DocumentKind, problems: Problem[], inputKeys?: InputKey[]): Analysis {
  let read: { variables: EnvVariable[]; references: FoundReference[] } | undefined;
  const reading = (): { variables: EnvVariable[]; references: FoundReference[] } => {
    if (!read) {
      const { variables } = readerFor(kind)(text);
      read = { variables, references: flatReferences(referencesOf(variables)) };
    }
    return read;
  };
  return {
    kind,
    problems,
    inputKeys,
    get variables() {
      return reading().variables;
    },
    get references() {
      return reading().references;
    },
  };
}

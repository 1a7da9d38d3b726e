/**
 * Plain data the pure core returns. Offsets are UTF-16 code unit offsets into the document text
 * (JavaScript string indices); only `server/src/lsp/` turns them into LSP positions.
 * Nothing here imports the editor or the protocol library.
 */

export interface Span {
  start: number;
  end: number;
}

/** Every diagnostic code the core emits; stable, documented, used in settings and tests. */
export const DIAGNOSTIC_CODES = [
  'unknown-secret',
  'malformed-reference',
  'invalid-secret-name',
  'noncanonical-reference',
  'embedded-reference',
  'invalid-key',
  'duplicate-key',
  'too-many-variables',
  'missing-equals',
  'hardcoded-credential',
  'syntax-error',
  'secret-rotation-due',
  'missing-in-environment',
  'cross-environment-secret',
  'shared-environment-secret',
  'other-account',
  'file-too-large',
  'too-many-problems',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The codes a rule reports; `too-many-problems` only says how many of another code were not listed. */
export type ReportedCode = Exclude<DiagnosticCode, 'too-many-problems'>;

/**
 * Each code's severity unless the user sets one (`runpod.diagnostics.severity`, `--severity`):
 * the one statement every rule and reader reports with, and README's diagnostics table says
 * (a test holds the two equal). An `unknown-secret` from a stale list is at most information
 * (severity.ts); a `too-many-problems` shows as its code does.
 */
export const DEFAULT_SEVERITY: Readonly<Record<ReportedCode, Severity>> = Object.freeze({
  'unknown-secret': 'warning',
  'malformed-reference': 'error',
  'invalid-secret-name': 'error',
  'noncanonical-reference': 'error',
  'embedded-reference': 'hint',
  'invalid-key': 'error',
  'duplicate-key': 'warning',
  'too-many-variables': 'warning',
  'missing-equals': 'error',
  'hardcoded-credential': 'warning',
  'syntax-error': 'error',
  'secret-rotation-due': 'hint',
  'missing-in-environment': 'warning',
  'cross-environment-secret': 'warning',
  'shared-environment-secret': 'information',
  'other-account': 'information',
  'file-too-large': 'warning',
});

/** Which reader understands the document; decides which rules apply. */
export type DocumentKind =
  | 'runpod-env' // *.runpod.env, runpod.env, .runpod/*.env: every rule
  | 'dotenv' // VS Code's dotenv language: reference rules only
  | 'runpod-json' // *.runpod.json template / pod body: `env` object
  | 'hub-json' // .runpod/hub.json: config.env[].value and config.env[].input.default
  | 'tests-json' // .runpod/tests.json: config.env[].value
  | 'runpod-toml'; // runpod.toml: [project.env_vars]

/** Whether documents of `kind` are env lines (`KEY=value`, read by readers/env.ts), not a structure holding env. */
export function isEnvKind(kind: DocumentKind): kind is 'runpod-env' | 'dotenv' {
  return kind === 'runpod-env' || kind === 'dotenv';
}

export interface SecretInfo {
  name: string;
  description?: string | null;
  createdAt?: string | null;
  valueLastUpdatedAt?: string | null;
}

/** What the core knows about the account's secrets (see protocol `runpod/secretsChanged`). */
export interface SecretCatalog {
  state: 'unknown' | 'fresh' | 'stale';
  secrets: readonly SecretInfo[];
  fetchedAt?: string;
}

/** One environment variable as written in the document. */
export interface EnvVariable {
  key: string;
  keySpan: Span;
  /** Decoded value (quotes removed, escapes applied). */
  value: string;
  /** Span of the value as written, including quotes. */
  valueSpan: Span;
  /** Document offset of each decoded character, plus one entry for the end: `offsets.length === value.length + 1`. */
  valueOffsets: readonly number[];
  /** Whole statement (key to end of value), for symbols. */
  span: Span;
}

/** A `{{ ... }}` that is (or tries to be) a RunPod secret reference. */
export interface SecretReference {
  /** From `{{` to `}}` inclusive (to the end of the value when unclosed). */
  span: Span;
  /** The secret name as written (may be empty or invalid). */
  name: string;
  nameSpan: Span;
  /** Exactly `{{ RUNPOD_SECRET_<name> }}`. */
  canonical: boolean;
  /** Part of a longer value rather than the whole value. */
  embedded: boolean;
  /** True when the reference parses well enough to name a secret (prefix right, closed). */
  wellFormed: boolean;
  /** Key of the variable the reference sits in. */
  variableKey: string;
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

/** Extra data a code action needs; copied into the LSP diagnostic's `data`. */
export interface ProblemData {
  /** Secret name the problem is about (unknown-secret, invalid-secret-name, cross- and shared-environment-secret). */
  name?: string;
  /**
   * Closest known secret name, or this environment's matching one, for "replace with" fixes; for
   * hardcoded-credential, the account's secret that is the suggested name but for case and separators.
   */
  suggestion?: string;
  /** A text edit that fixes the problem (normalise reference, replace name, reference the existing secret). */
  fix?: { span: Span; newText: string; title: string };
  /**
   * For hardcoded-credential: a suggested secret name derived from the key. For
   * shared-environment-secret: the environment's own secret's name when the account lacks it (Create Secret is offered).
   */
  suggestedName?: string;
  /**
   * For hardcoded-credential: span of the whole value as written without its quotes, i.e. the text
   * "Move value into a RunPod secret" replaces with a reference (the diagnostic itself may cover
   * only the token inside a longer value).
   */
  valueSpan?: Span;
  /**
   * For the `too-many-problems` note that stands for problems not listed (problemLimit.ts): their
   * code and how many.
   */
  notListed?: { code: DiagnosticCode; count: number };
  /**
   * For missing-in-environment: the key, the file defining it (`from`) and the files lacking it,
   * one per environment (`to`, by the paths the rules were given, with `toEnvironments` parallel),
   * and the template's environments: "Add KEY to <file>" (environments/addKey.ts). `toOtherAccount`,
   * parallel to `to`: the target runs under another account than the file the problem is on, whose
   * secret list the action is given (a name found there is not the target's secret). `toNames`,
   * parallel to `to`: each file as the message names it (its name, or its workspace-relative path
   * when another file of the template shares the name: environments/rules.ts groupFileNames).
   */
  addKey?: { key: string; from: string; to: string[]; toNames?: string[]; toEnvironments: string[]; environments: string[]; toOtherAccount?: boolean[] };
}

export interface Problem {
  code: DiagnosticCode;
  span: Span;
  message: string;
  /** Default severity; the adapter applies the user's `runpod.diagnostics.severity`. */
  severity: Severity;
  related?: RelatedInfo[];
  data?: ProblemData;
}

/** A key a file defines without a value read as one: a `.runpod/hub.json` input with no default. */
export type InputKey = Pick<EnvVariable, 'key' | 'keySpan'>;

export interface Analysis {
  kind: DocumentKind;
  /** Read-only: an analysis read in rounds reads them again when first asked for (a getter). */
  readonly variables: EnvVariable[];
  /** Every reference of every variable, in document order. */
  readonly references: FoundReference[];
  /**
   * Keys the deployer gives a value (hub.json inputs with no default), in document order: defined
   * for the Pod, so the environment rules and the index count them, but no variable, so no value
   * rule judges them. Undefined when there are none (the Hub reader decides, readers/hubJson.ts);
   * every other reader and analysis passes its reader's on as it is.
   */
  inputKeys?: InputKey[] | undefined;
  problems: Problem[];
  /**
   * Each variable with its references, in document order, read as far as the caller goes: set by
   * an analysis that keeps no variables (an env document read incrementally), whose `variables`
   * would read and keep them all. The outline goes through eachVariableWithReferences
   * (eachVariable.ts), which falls back on `variables` and `references`; the index's facts
   * (workspace/facts.ts) walk `eachVariable()` themselves.
   *
   * Once `referencesOnly()` says true, the caller wants no more variables than the ones with a
   * reference (the index, its keys full): the reading may then jump over statements that cannot
   * hold one, so a 390,000-line file without a `{` is not read twice for nothing.
   */
  eachVariable?(referencesOnly?: () => boolean): Iterable<VariableWithReferences>;
}

/** A variable and the references found in its value. */
export interface VariableWithReferences {
  variable: EnvVariable;
  references: readonly FoundReference[];
}

/** Completion at an offset: every item replaces `replace` with its `insertText`. */
export interface CompletionResult {
  replace: Span;
  items: CompletionCandidate[];
}
export interface CompletionCandidate {
  label: string;
  /** Text that replaces `CompletionResult.replace`; leaves a correctly closed reference. */
  insertText: string;
  /** Short text beside the label (e.g. the description). */
  detail?: string;
  /** Markdown: description, created date. Never a value. */
  documentation?: string;
  kind: 'secret' | 'reference';
  sortText?: string;
  filterText?: string;
}

export interface HoverResult {
  span: Span;
  /** Markdown. Metadata only, never a value. */
  markdown: string;
}

/** A fix or refactoring the adapter turns into an LSP CodeAction. */
export interface CodeActionCandidate {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite';
  isPreferred?: boolean;
  /** The problems this action fixes (matched by code and span by the adapter). */
  fixes?: Problem[];
  /** Text edits, in this document unless `path` names another file (its span is then in that file's text). */
  edits?: { span: Span; newText: string; path?: string }[];
  /**
   * No edit yet: "Add KEY" for a client that resolves it (LSP codeAction/resolve), which computes
   * the edit adding `keys` to the file `to` then (environments/addKey.ts addKeysEdit).
   */
  resolve?: { keys: string[]; to: string };
  command?:
    | { command: 'runpod.secrets.create'; name: string }
    | { command: 'runpod.secrets.createFromValue'; span: Span; suggestedName: string }
    | { command: 'runpod.secrets.rotate'; name: string };
}

export interface SymbolCandidate {
  name: string;
  detail?: string;
  span: Span;
  selectionSpan: Span;
}

/** How a `{{ ... }}` that concerns RunPod secrets is written. */
export type ReferenceForm = 'canonical' | 'noncanonical' | 'malformed';

/** Why a reference is malformed. */
export type Malformation = 'unclosed' | 'empty-name' | 'prefix' | 'stray';

/**
 * A reference found in a decoded value, with its classification (see `findReferencesInValue`).
 * Spans are document offsets when value offsets were given, else indices into the value.
 */
export interface FoundReference extends SecretReference {
  form: ReferenceForm;
  /** Set when `form === 'malformed'`: the first thing wrong with it. */
  malformation?: Malformation;
  /** User-facing explanation of the malformation. */
  malformationMessage?: string;
  /** Canonical text `{{ RUNPOD_SECRET_<name> }}` when the intended name is clear (noncanonical or malformed). */
  normalized?: string;
  /** `[start, end)` of the reference within the decoded value. */
  decodedSpan: Span;
}

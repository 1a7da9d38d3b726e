/** What every rule sees: the document's variables, their references, the catalog, and a sink. */
import type { ProblemSink } from '../problemLimit';
import type { DocumentKind, EnvVariable, FoundReference, SecretCatalog } from '../types';
import type { KeyList } from './keys';

export interface RuleContext {
  /** The document text (for document-wide native scans). */
  text: string;
  kind: DocumentKind;
  catalog: SecretCatalog;
  variables: readonly EnvVariable[];
  /** `references[i]` are the references found in `variables[i].value`. */
  references: readonly (readonly FoundReference[])[];
  /**
   * The keys the key rules judge instead of the variables' (rules/keys.ts): the incremental
   * analysis judges every key of a document from its statements, with no variable per key.
   */
  keys?: KeyList;
  /** Lists a bounded number per code: a rule reporting per line checks `countIfFull` before building a message. */
  problems: ProblemSink;
}

export type Rule = (ctx: RuleContext) => void;

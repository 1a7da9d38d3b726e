/** What every rule sees: the document's variables, their references, the catalog, and a sink. */
import type { DocumentKind, EnvVariable, FoundReference, Problem, SecretCatalog } from '../types';

export interface RuleContext {
  /** The document text (for document-wide native scans). */
  text: string;
  kind: DocumentKind;
  catalog: SecretCatalog;
  variables: readonly EnvVariable[];
  /** `references[i]` are the references found in `variables[i].value`. */
  references: readonly (readonly FoundReference[])[];
  problems: Problem[];
}

export type Rule = (ctx: RuleContext) => void;

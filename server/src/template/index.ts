/**
 * Public API of the pure template core. Plain data in, plain data out; offsets are UTF-16 code unit
 * indices into the document text. STUBS: being filled in.
 */
import type {
  Analysis, CodeActionCandidate, CompletionResult, DocumentKind, HoverResult, Problem, SecretCatalog, Span,
  SymbolCandidate, EnvVariable,
} from './types';

export * from './types';
export { validateSecretName, formatReference, closestSecretName, SECRET_REFERENCE_PREFIX, SECRET_NAME_MAX_LENGTH } from './names';

export function analyze(_text: string, kind: DocumentKind, _catalog: SecretCatalog): Analysis {
  return { kind, variables: [], references: [], problems: [] };
}
export function complete(_text: string, _offset: number, _kind: DocumentKind, _catalog: SecretCatalog): CompletionResult | undefined {
  return undefined;
}
export function hover(_text: string, _offset: number, _kind: DocumentKind, _catalog: SecretCatalog): HoverResult | undefined {
  return undefined;
}
export function codeActions(_text: string, _span: Span, _kind: DocumentKind, _catalog: SecretCatalog, _analysis?: Analysis): CodeActionCandidate[] {
  return [];
}
export function symbols(_analysis: Analysis): SymbolCandidate[] {
  return [];
}
export function parseEnv(_text: string): { variables: EnvVariable[]; problems: Problem[] } {
  return { variables: [], problems: [] };
}
export function findReferencesInValue(_value: string, _options?: { offsets?: readonly number[]; variableKey?: string }): unknown[] {
  return [];
}

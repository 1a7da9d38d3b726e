/**
 * The rules and which document kinds they run on. `dotenv` documents belong to VS Code's own
 * language: only the reference rules run there (no key rules, no credential rule).
 */
import type { DocumentKind } from '../types';
import type { Rule } from './context';
import { credentialRule } from './credentials';
import { keyRules } from './keys';
import { referenceFormRules } from './references';
import { unknownSecretRule } from './unknownSecret';
import { RULES_BY_KIND } from './byKind';

export type { Rule, RuleContext } from './context';

const REFERENCE_RULES: readonly Rule[] = [referenceFormRules, unknownSecretRule];
const ALL_RULES: readonly Rule[] = [...REFERENCE_RULES, keyRules, credentialRule];

/** The rules that run on a document of `kind`, in reporting order. */
export function rulesFor(kind: DocumentKind): readonly Rule[] {
  // Kinds beyond env files (issue 3) decide in one table; see byKind.ts.
  return kind === 'dotenv' ? REFERENCE_RULES : kind === 'runpod-env' ? ALL_RULES : RULES_BY_KIND[kind];
}

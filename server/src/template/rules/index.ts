/**
 * Which rules run on which document kind, in one table. Reference rules (malformed-reference,
 * invalid-secret-name, noncanonical-reference, embedded-reference, unknown-secret) run everywhere a
 * reference can be written. Key and credential rules run where the file defines the variables:
 * env files, template / Pod bodies and runpod.toml (all of which become one Pod's environment, so
 * the 50-variable limit applies), and the Hub files (whose entries are listed per Hub listing or
 * test run, so only invalid-key, duplicate-key and hardcoded-credential apply). VS Code's `dotenv`
 * documents belong to VS Code's own language: they get the reference rules only.
 *
 * secret-rotation-due is not in the table: it judges the catalog's dates against the clock and the
 * rotation setting, not the text, so it runs over an analysis's references after it (rotation.ts,
 * `withRotationDue`), wherever diagnostics are made (the server's adapter, the CLI's check).
 */
import { withoutCodes } from '../problemLimit';
import type { DiagnosticCode, DocumentKind } from '../types';
import type { Rule } from './context';
import { credentialRule } from './credentials';
import { keyRules } from './keys';
import { referenceFormRules } from './references';
import { unknownSecretRule } from './unknownSecret';

export type { Rule, RuleContext } from './context';
export { rotationProblems, withRotationDue, type RotationPolicy } from './rotation';

/** `rule` with the problems of the given codes dropped (for kinds where a code does not apply). */
function without(rule: Rule, codes: readonly DiagnosticCode[]): Rule {
  return (ctx) => rule({ ...ctx, problems: withoutCodes(ctx.problems, codes) });
}

const REFERENCES: readonly Rule[] = [referenceFormRules, unknownSecretRule];
const HUB_KEYS = without(keyRules, ['too-many-variables']);
const ALL: readonly Rule[] = [...REFERENCES, keyRules, credentialRule];
const HUB: readonly Rule[] = [...REFERENCES, HUB_KEYS, credentialRule];
/** The rules that judge keys alone (invalid-key, duplicate-key, too-many-variables). */
const KEY_RULES: ReadonlySet<Rule> = new Set([keyRules, HUB_KEYS]);

/** The rules per document kind, in reporting order. */
const RULES_BY_KIND: Readonly<Record<DocumentKind, readonly Rule[]>> = {
  'runpod-env': ALL,
  dotenv: REFERENCES,
  'runpod-json': ALL,
  'runpod-toml': ALL,
  'hub-json': HUB,
  'tests-json': HUB,
};

/** The rules that run on a document of `kind`, in reporting order. */
export function rulesFor(kind: DocumentKind): readonly Rule[] {
  return RULES_BY_KIND[kind];
}

/** The rules that judge each statement (or variable) by its own text: all but the key rules (a document read in rounds, roundsAnalysis.ts). */
export function statementRulesFor(kind: DocumentKind): readonly Rule[] {
  return RULES_BY_KIND[kind].filter((rule) => !KEY_RULES.has(rule));
}

/**
 * Those of `rulesFor(kind)` that look at keys only: what an analysis in rounds runs once over every
 * key to find the problems that compare them all, without judging the values again.
 */
export function keyRulesFor(kind: DocumentKind): readonly Rule[] {
  return RULES_BY_KIND[kind].filter((rule) => KEY_RULES.has(rule));
}

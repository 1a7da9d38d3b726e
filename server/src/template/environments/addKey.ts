/**
 * "Add KEY to <file>", the quick fix of missing-in-environment: the key added to the environment's
 * file that lacks it, in that file's format (keyInsertion.ts). The value is the same secret reference when the file defining
 * the key holds that one reference as its whole value; otherwise empty, for the user to fill in (a
 * reference inside a longer value, `postgres://u:{{ ... }}@host/db`, copied alone would give the
 * other environment the password as its URL). A plain value is never
 * copied: it may be a credential (hardcoded-credential is that guess, and a guess), and an
 * environment's plain value is rarely the other's (a dev URL in prod). Nor is a secret named for
 * another environment (`db_password_dev` into prod): the added key gets this environment's
 * matching secret when the account has one (what cross-environment-secret's fix offers), else an
 * empty value, rather than a line that boots prod with dev's password. Nor is any reference copied
 * into a file of another account (runpod.environments `account`): a secret is an account's, so the
 * same name there is another secret, or none, and this account's list cannot say which.
 */
import { formatReference } from '../names';
import { quotedKey } from '../rules/keys';
import { knownNames } from '../rules/unknownSecret';
import type { CodeActionCandidate, DocumentKind, Problem, SecretCatalog, SecretReference } from '../types';
import { keyInsertion } from './keyInsertion';
import { matchingNameFor } from './matchingName';
import { crossingUsers, environmentLabel, fileLabel, namedReferences } from './rules';

/** What the action reads of a template's files, by the path (URI) the rules named them with. */
export interface TemplateFiles {
  /** The whole current text; undefined when it is not known whole (unreadable, or cut at the size limit). */
  textOf(path: string): string | undefined;
  /** How the file is read (an env file, a `*.runpod.json`, a runpod.toml...); undefined when not known. */
  kindOf(path: string): DocumentKind | undefined;
  /** The references the file's definition of `key` holds. */
  referencesOf(path: string, key: string): readonly Pick<SecretReference, 'name' | 'wellFormed' | 'embedded'>[];
}

/** Where the key goes: the environment of the file it is added to, among the template's environments. */
export interface CopyTarget {
  environment: string;
  environments: readonly string[];
  /** The account's secret names; undefined while the list is unknown. */
  known: ReadonlySet<string> | undefined;
  /** The file runs under another account than the one the reference was written for (and `known` is of). */
  otherAccount?: boolean;
}

/**
 * The value the added key gets: the secret reference that is its definition's whole value, else
 * nothing (always nothing into another account's file); a secret named for another environment
 * than `target`'s becomes `target`'s matching secret when the account has it, else nothing
 * (environments/rules.ts crossingUsers decides "named for another").
 */
export function valueToCopy(references: readonly Pick<SecretReference, 'name' | 'wellFormed' | 'embedded'>[], target?: CopyTarget): string {
  const named = namedReferences(references);
  if (references.length !== 1 || named.length !== 1 || named[0]!.embedded) return '';
  // Another account's secret of that name is not this one: the user fills in that account's.
  if (target?.otherAccount) return '';
  const name = named[0]!.name;
  if (!target || crossingUsers(name, target.environments, [target.environment]).crossing.length === 0) return formatReference(name);
  const matching = target.known && matchingNameFor(name, target.environment, target.known, target.environments);
  return matching ? formatReference(matching) : '';
}

/**
 * The actions for one missing-in-environment problem: one per file that lacks the key, whose text and
 * kind are known and that has a place for it.
 * @param catalog the secrets of the account of the file the problem is on, for the matching secret
 *   of a name marking another environment (used only for targets in that account)
 */
export function addKeyActions(p: Problem, files: TemplateFiles, catalog: SecretCatalog): CodeActionCandidate[] {
  const add = p.data?.addKey;
  const quoted = add && quotedKey(add.key);
  if (!add || !quoted) return [];
  const references = files.referencesOf(add.from, add.key);
  const known = knownNames(catalog);
  const out: CodeActionCandidate[] = [];
  // Files named alike (declared files in folders: dev/.runpod/hub.json, staging/.runpod/hub.json)
  // would give one title twice: they are named as the message names them, `dev (hub.json)`
  // (each target is its environment's first file, the one the label names).
  const labels = add.to.map(fileLabel);
  const titleOf = (i: number): string => (labels.indexOf(labels[i]!) !== labels.lastIndexOf(labels[i]!) ? environmentLabel(add.toEnvironments[i]!, add.to[i]!) : labels[i]!);
  add.to.forEach((to, i) => {
    const text = files.textOf(to);
    const kind = files.kindOf(to);
    if (text === undefined || kind === undefined) return;
    const value = valueToCopy(references, { environment: add.toEnvironments[i]!, environments: add.environments, known, otherAccount: add.toOtherAccount?.[i] === true });
    const edit = keyInsertion(text, kind, add.key, value);
    if (edit) out.push({ title: `Add ${quoted} to ${titleOf(i)}`, kind: 'quickfix', fixes: [p], edits: [{ ...edit, path: to }] });
  });
  return out;
}

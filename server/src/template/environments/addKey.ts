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
import type { KeyInsertion } from './insertText';
import { keysInsertion, type KeyEntry } from './keyInsertion';
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
  /**
   * The URI an edit of the file names: the one the client holds it as (a tab opened through a link),
   * `path` when none. Required: an edit naming the real path of a file open only through a link
   * wrote the disk under the tab (lsp/templateFiles.ts).
   */
  editUriOf(path: string): string;
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

/** A file an "Add KEY" action writes to, as its title names it. */
export interface AddKeyTarget {
  to: string;
  title: string;
}

/**
 * The files lacking `p`'s key that "Add KEY" may write to (of a kind known, the index's: no read),
 * titled. Whether a file has a place for the key is known only on reading it.
 */
export function addKeyTargets(p: Problem, files: Pick<TemplateFiles, 'kindOf'>): AddKeyTarget[] {
  const add = p.data?.addKey;
  if (!add || !quotedKey(add.key)) return [];
  // Files named alike (declared files in folders: dev/.runpod/hub.json, staging/.runpod/hub.json)
  // would give one title twice: they are named as the message names them, `dev (hub.json)`
  // (each target is its environment's first file, the one the label names).
  // The rules name each file as the message does (toNames: its path when its name is shared).
  const labels = add.to.map((to, i) => add.toNames?.[i] ?? fileLabel(to));
  const titleOf = (i: number): string => (labels.indexOf(labels[i]!) !== labels.lastIndexOf(labels[i]!) ? environmentLabel(add.toEnvironments[i]!, labels[i]!) : labels[i]!);
  return add.to.flatMap((to, i) => (files.kindOf(to) !== undefined ? [{ to, title: titleOf(i) }] : []));
}

/**
 * The one edit adding the keys of `problems` (missing-in-environment, each lacking in `to`) to
 * `to`, each with its value as {@link valueToCopy} chooses it, read back once (keyInsertion.ts);
 * undefined when the file is not known whole or has no safe place for them all.
 */
export function addKeysEdit(problems: readonly Problem[], to: string, files: TemplateFiles, catalog: SecretCatalog): (KeyInsertion & { path: string }) | undefined {
  const text = files.textOf(to);
  const kind = files.kindOf(to);
  if (text === undefined || kind === undefined) return undefined;
  const known = knownNames(catalog);
  const entries: KeyEntry[] = [];
  for (const p of problems) {
    const add = p.data?.addKey;
    const i = add ? add.to.indexOf(to) : -1;
    if (!add || i < 0 || !quotedKey(add.key)) return undefined;
    const value = valueToCopy(files.referencesOf(add.from, add.key), { environment: add.toEnvironments[i]!, environments: add.environments, known, otherAccount: add.toOtherAccount?.[i] === true });
    entries.push({ key: add.key, value });
  }
  const edit = keysInsertion(text, kind, entries);
  return edit && { ...edit, path: to };
}

/** "Add KEY to <file>", or "Add all N missing keys to <file>" for several problems. */
function addTitle(problems: readonly Problem[], target: AddKeyTarget): string {
  return problems.length === 1 ? `Add ${quotedKey(problems[0]!.data!.addKey!.key)} to ${target.title}` : `Add all ${problems.length} missing keys to ${target.title}`;
}

/**
 * The action adding `problems`' keys to `target`: with its edit (`lazy` false; none when the file
 * has no place for them), or with what recomputes it on resolve (`lazy`: no file read now).
 */
function addAction(problems: readonly Problem[], target: AddKeyTarget, files: TemplateFiles, catalog: SecretCatalog, lazy: boolean): CodeActionCandidate[] {
  const base = { title: addTitle(problems, target), kind: 'quickfix' as const, fixes: [...problems] };
  if (lazy) return [{ ...base, resolve: { keys: problems.map((p) => p.data!.addKey!.key), to: target.to } }];
  const edit = addKeysEdit(problems, target.to, files, catalog);
  return edit ? [{ ...base, edits: [edit] }] : [];
}

/**
 * The actions for one missing-in-environment problem: one per file that lacks the key and that has
 * a place for it (`lazy`: one per file of a known kind; whether it has a place is found on resolve).
 * @param catalog the secrets of the account of the file the problem is on, for the matching secret
 *   of a name marking another environment (used only for targets in that account)
 */
export function addKeyActions(p: Problem, files: TemplateFiles, catalog: SecretCatalog, lazy = false): CodeActionCandidate[] {
  return addKeyTargets(p, files).flatMap((target) => addAction([p], target, files, catalog, lazy));
}

/**
 * "Add all N missing keys to <file>": per file lacking 2 or more of the keys of the document's
 * `problems` (one missing-in-environment problem per key counted, the first), one action adding
 * them all, in the problems' order; offered for the files that a problem of `asked` (those under
 * the request) adds to. Not only the keys under the request: each key a file defines has its own
 * problem on it, so a lightbulb at one key (the request is that key's range) found one, and no
 * "Add all" was ever offered there, not even for two keys on one line (`env_vars = { A = .., B = .. }`).
 */
export function addAllActions(problems: readonly Problem[], asked: ReadonlySet<Problem>, files: TemplateFiles, catalog: SecretCatalog, lazy = false): CodeActionCandidate[] {
  const byTarget = new Map<string, { target: AddKeyTarget; problems: Problem[]; keys: Set<string>; asked: boolean }>();
  for (const p of problems) {
    if (p.code !== 'missing-in-environment') continue;
    for (const target of addKeyTargets(p, files)) {
      const group = byTarget.get(target.to) ?? { target, problems: [], keys: new Set<string>(), asked: false };
      byTarget.set(target.to, group);
      group.asked ||= asked.has(p);
      const key = p.data!.addKey!.key;
      if (!group.keys.has(key)) group.keys.add(key), group.problems.push(p);
    }
  }
  return [...byTarget.values()].filter((g) => g.asked && g.problems.length >= 2).flatMap((g) => addAction(g.problems, g.target, files, catalog, lazy));
}

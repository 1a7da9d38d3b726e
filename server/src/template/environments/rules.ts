/**
 * The environment rules, each a pure function of one file's analysis and its siblings' (the other
 * files of the same template, files.ts):
 * - missing-in-environment: a key another environment defines and this one lacks (on the first
 *   line of the environment's first file, naming the key and the environment that has it), and the
 *   converse on the key (where it is defined, naming the environments that lack it);
 * - cross-environment-secret: a reference to a secret whose name marks another environment
 *   (`dev-db-password` in prod), with the matching name of this environment as a fix when the
 *   account has it;
 * - shared-environment-secret: a credential key referencing the same secret as another
 *   environment's file (one leak reaches both).
 * A key of the template's shared file is in every environment. Keys are named only when valid
 * (rules/keys.ts quotedKey); values never appear.
 */
import { validateSecretName } from '../names';
import { isCredentialKey } from '../rules/credentials';
import { quotedKey } from '../rules/keys';
import { catalogIndex } from '../rules/unknownSecret';
import type { Analysis, FoundReference, Problem, SecretCatalog, SecretReference, Span } from '../types';
import type { EnvironmentDeclaration } from './declarations';
import { byPrecedence, environmentFileOf, type EnvironmentFile } from './files';
import { matchingNameFor } from './matchingName';
import { environmentsInName } from './words';

/** One file as the rules see it: where it is, its text, and the core's analysis of it. */
export interface EnvironmentSource {
  /** Path or URI, as given to the grouping (files.ts). */
  path: string;
  text: string;
  analysis: Pick<Analysis, 'variables' | 'references'>;
}

interface Placed extends EnvironmentSource {
  file: EnvironmentFile;
  keys: Set<string>;
}

/** The file's name for messages: its last path segment (siblings share a folder or a file name). */
export function fileLabel(path: string): string {
  const clean = path.replace(/[?#].*$/, '');
  return decodeSafe(clean.slice(clean.lastIndexOf('/') + 1));
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The valid keys a file defines. */
function keysOf(source: EnvironmentSource): Set<string> {
  const keys = new Set<string>();
  for (const v of source.analysis.variables) if (quotedKey(v.key)) keys.add(v.key);
  return keys;
}

/** References that name a secret: well formed, with a name RunPod accepts. */
function namedReferences(source: EnvironmentSource): SecretReference[] {
  return (source.analysis.references as readonly (SecretReference | FoundReference)[]).filter((r) => r.wellFormed && validateSecretName(r.name) === undefined);
}

/** The environment's files, and a label naming it with its first file: `prod (train.prod.runpod.env)`. */
function environmentLabel(name: string, files: readonly Placed[]): string {
  const first = files.find((f) => f.file.environment === name);
  return first ? `${name} (${fileLabel(first.path)})` : name;
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function firstLine(text: string): Span {
  const nl = text.search(/\r?\n/);
  return { start: 0, end: nl < 0 ? text.length : nl };
}

/**
 * The environment problems of `file`, sorted by position.
 * @param siblings other files (any: those of other templates are ignored); `file` itself may be among them
 * @param catalog the account's secrets: the cross-environment fix is offered only for a name the account has
 * @param declarations the `runpod.environments` setting, parsed
 */
export function environmentProblems(
  file: EnvironmentSource,
  siblings: readonly EnvironmentSource[],
  catalog: SecretCatalog,
  declarations: readonly EnvironmentDeclaration[] = [],
): Problem[] {
  const self = environmentFileOf(file.path, declarations);
  const environment = self?.environment;
  if (!self || environment === undefined) return [];
  const group: Placed[] = [{ ...file, file: self, keys: keysOf(file) }];
  for (const s of siblings) {
    if (s.path === file.path) continue;
    const placed = environmentFileOf(s.path, declarations);
    if (placed?.template === self.template) group.push({ ...s, file: placed, keys: keysOf(s) });
  }
  group.sort((a, b) => byPrecedence(a.path, b.path));
  const environments = [...new Set(group.map((g) => g.file.environment).filter((e): e is string => e !== undefined))].sort();
  if (environments.length < 2) return [];

  const shared = new Set<string>();
  const keysByEnvironment = new Map<string, Set<string>>(environments.map((e) => [e, new Set<string>()]));
  for (const g of group) {
    const target = g.file.environment === undefined ? shared : keysByEnvironment.get(g.file.environment)!;
    for (const k of g.keys) target.add(k);
  }
  const problems: Problem[] = [];
  const mine = group.filter((g) => g.file.environment === environment);
  const isFirstOfEnvironment = mine[0]!.path === file.path;
  const has = (env: string, key: string): boolean => shared.has(key) || keysByEnvironment.get(env)!.has(key);

  // missing-in-environment, on the first line: keys other environments define, in their order.
  if (isFirstOfEnvironment) {
    const missing = new Map<string, string[]>();
    for (const g of group) {
      const other = g.file.environment;
      if (other === undefined || other === environment) continue;
      for (const key of g.keys) {
        if (has(environment, key)) continue;
        const holders = missing.get(key) ?? [];
        if (!holders.includes(other)) holders.push(other);
        missing.set(key, holders);
      }
    }
    const span = firstLine(file.text);
    for (const [key, holders] of missing) {
      problems.push({
        code: 'missing-in-environment',
        span,
        message: `${quotedKey(key)} is defined for ${list(holders.sort().map((h) => environmentLabel(h, group)))} but missing here, in ${environment}.`,
        severity: 'warning',
      });
    }
  }

  // missing-in-environment, the converse: on this file's definition of a key some environment lacks.
  const reported = new Set<string>();
  for (const v of file.analysis.variables) {
    if (reported.has(v.key) || !quotedKey(v.key)) continue;
    reported.add(v.key);
    // Only the first file of this environment that defines the key speaks for it.
    if (mine.find((g) => g.keys.has(v.key))?.path !== file.path) continue;
    const lacking = environments.filter((e) => e !== environment && !has(e, v.key));
    if (lacking.length === 0) continue;
    problems.push({
      code: 'missing-in-environment',
      span: v.keySpan,
      message: `${quotedKey(v.key)} is missing in ${list(lacking.map((e) => environmentLabel(e, group)))}; ${environment} defines it here.`,
      severity: 'warning',
    });
  }

  // cross-environment-secret and shared-environment-secret, per reference.
  const known = catalog.state === 'unknown' ? undefined : catalogIndex(catalog).names;
  const usedBy = new Map<string, Set<string>>();
  for (const g of group) {
    if (g.file.environment === undefined || g.file.environment === environment) continue;
    for (const r of namedReferences(g)) {
      const users = usedBy.get(r.name) ?? new Set<string>();
      users.add(g.file.environment);
      usedBy.set(r.name, users);
    }
  }
  for (const r of namedReferences(file)) {
    const marked = environmentsInName(r.name, environments);
    if (marked.length > 0 && !marked.includes(environment)) {
      const fix = known ? matchingNameFor(r.name, environment, known, environments) : undefined;
      problems.push({
        code: 'cross-environment-secret',
        span: r.nameSpan,
        message:
          `Secret \`${r.name}\` is named for ${list(marked)}, but this is a ${environment} file: a ${environment} Pod would boot with ` +
          `${marked.length === 1 ? `${marked[0]}'s` : "another environment's"} secret.${fix ? ` Use \`${fix}\`?` : ''}`,
        severity: 'warning',
        data: fix ? { name: r.name, suggestion: fix, fix: { span: r.nameSpan, newText: fix, title: `Replace with \`${fix}\` (${environment}'s secret)` } } : { name: r.name },
      });
      continue;
    }
    const users = usedBy.get(r.name);
    if (!users || !isCredentialKey(r.variableKey)) continue;
    const others = [...users].sort();
    problems.push({
      code: 'shared-environment-secret',
      span: r.nameSpan,
      message: `Secret \`${r.name}\` is also used by ${list(others.map((e) => environmentLabel(e, group)))}: environments sharing a credential share its leaks; consider one secret per environment.`,
      severity: 'information',
      data: { name: r.name },
    });
  }
  return problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

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
 *   environment's file (one leak reaches both), unless the two are in different accounts
 *   (accounts.ts inDifferentAccounts; one that declares none is the active account's): there the
 *   same name is two secrets.
 * A key of the template's shared file is in every environment that does not define it, and the
 * shared file's references are judged for those environments (cross-environment-secret only: it is
 * shared by design). Keys are named only when valid
 * (rules/keys.ts quotedKey); values never appear.
 */
import { pathText } from '../displayText';
import { hasSecretNameCharsOnly } from '../names';
import { isCredentialKey } from '../rules/credentials';
import { quotedKey } from '../rules/keys';
import { LimitedProblems, limitProblems } from '../problemLimit';
import { knownNames } from '../rules/unknownSecret';
import type { Analysis, DocumentKind, EnvVariable, InputKey, Problem, SecretCatalog, SecretReference, Span } from '../types';
import { DEFAULT_SEVERITY } from '../types';
import { inDifferentAccounts } from './accounts';
import type { EnvironmentDeclaration } from './declarations';
import { definedKeys, type KeyDefinitions } from './definedKeys';
import { byPrecedence, environmentFileOf, type EnvironmentFile, type OrderedFile } from './files';
import { folderGlobPath, uriPath } from '../fileKinds';
import { firstLine } from './firstLine';
import { matchingNameFor, ownSecretName } from './matchingName';
import { environmentsInName } from './words';

/**
 * What the rules read of another file of the template: its keys and the secrets it references
 * (the language server's workspace index keeps no more of a file it has not open).
 */
export interface EnvironmentSibling {
  /** Path or URI, as given to the grouping (files.ts). */
  path: string;
  analysis: {
    variables: KeyDefinitions['variables'];
    references: readonly Pick<SecretReference, 'name' | 'wellFormed'>[];
    /** Keys defined with no value (a Hub input the deployer fills): defined all the same. The index's keys include them. */
    inputKeys?: readonly Pick<EnvVariable, 'key'>[];
    /** The kind the file was read with (an Analysis carries it): it orders the environment's files (files.ts byPrecedence). */
    kind?: DocumentKind | undefined;
  };
}

/** One file as the rules see it: where it is, its text, and the core's analysis of it. */
export interface EnvironmentSource extends EnvironmentSibling {
  text: string;
  analysis: Pick<Analysis, 'variables' | 'references' | 'inputKeys'> & { kind?: DocumentKind | undefined };
}

/**
 * The keys a file defines where it defines them, in document order: its variables and its Hub
 * inputs with no default (each list in order, merged). The input's file says which environment
 * lacks its key, as a variable's does; only the file lacking it said so.
 */
function definitions(analysis: EnvironmentSource['analysis']): readonly InputKey[] {
  const { variables, inputKeys } = analysis;
  if (!inputKeys || inputKeys.length === 0) return variables;
  const out: InputKey[] = [];
  let i = 0;
  for (const v of variables) {
    while (i < inputKeys.length && inputKeys[i]!.keySpan.start < v.keySpan.start) out.push(inputKeys[i++]!);
    out.push(v);
  }
  while (i < inputKeys.length) out.push(inputKeys[i++]!);
  return out;
}

interface Placed extends EnvironmentSibling {
  file: EnvironmentFile;
  keys: ReadonlySet<string>;
}

/** The file being judged: placed, with its text and whole analysis. */
type PlacedSource = Placed & EnvironmentSource;

/** What every file of one template needs to know about the others, built once per template. */
interface Group {
  /** Members in precedence order (files.ts byPrecedence). */
  members: Placed[];
  /** Environment names, sorted. */
  environments: string[];
  /** Keys of the shared files: in every environment. */
  shared: ReadonlySet<string>;
  keysByEnvironment: Map<string, ReadonlySet<string>>;
  /** `prod (train.prod.runpod.env)`: each environment named with its first file. */
  labels: Map<string, string>;
  /** Each member's file as messages and titles name it (groupFileNames). */
  names: Map<string, string>;
  /** Per environment, its files in precedence order (the first defining a key speaks for it). */
  filesByEnvironment: Map<string, Placed[]>;
  /** Per secret name, the environments whose files reference it. */
  usedBy: Map<string, Set<string>>;
}

/**
 * The file's name for messages: its last path segment (siblings share a folder or a file name), as
 * one safe line by the display rule: a repository names its files, and a control, a bidi override
 * or a line break in a name would act in a terminal or reorder the Problems panel.
 */
export function fileLabel(path: string): string {
  const clean = path.replace(/[?#].*$/, '');
  return pathText(decodeSafe(clean.slice(clean.lastIndexOf('/') + 1)));
}

/** An environment as messages and titles name it: `prod (train.prod.runpod.env)`, with its first file's name (`file`: {@link fileLabel}, or {@link groupFileNames}'). */
export function environmentLabel(environment: string, file: string): string {
  return `${environment} (${file})`;
}

/**
 * A group's files as its messages and Add KEY titles name them: by {@link fileLabel}, or, when
 * another file of the group has that name (declared files in folders: deploy/dev/runpod.toml,
 * deploy/prod/runpod.toml), by the path the declarations' globs see (workspace-relative: fileKinds.ts
 * folderGlobPath of the declaration's folder; a path already relative, as the command line and
 * Compare Environments give them, as it is), one safe line as fileLabel makes it.
 */
function groupFileNames(paths: readonly string[], declarations: readonly EnvironmentDeclaration[]): Map<string, string> {
  // Each label worked out once (this runs on every check of an open document).
  const labels = new Map(paths.map((path) => [path, fileLabel(path)]));
  const count = new Map<string, number>();
  for (const label of labels.values()) count.set(label, (count.get(label) ?? 0) + 1);
  const relative = (path: string): string => {
    const p = uriPath(path);
    for (const d of declarations) {
      const inFolder = d.folder === undefined ? undefined : folderGlobPath(p, d.folder);
      if (inFolder) return inFolder;
    }
    return p;
  };
  return new Map(paths.map((path) => {
    const label = labels.get(path)!;
    return [path, count.get(label)! > 1 ? pathText(relative(path)) : label];
  }));
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The valid keys of each variables array read so far. The language server judges an open file on
 * every keystroke against siblings from its workspace index, whose arrays stay the same objects
 * until a sibling is indexed again: their keys are read once, not per keystroke. The arrays are
 * readonly (an analysis is never edited in place), so a key's set cannot go stale.
 */
const keysByVariables = new WeakMap<KeyDefinitions['variables'], ReadonlySet<string>>();

/**
 * The valid keys a file defines: its variables' and its input keys', read with the variables (one
 * reading of a file makes both arrays).
 */
function keysOf(source: EnvironmentSibling): ReadonlySet<string> {
  let keys = keysByVariables.get(source.analysis.variables);
  if (!keys) keysByVariables.set(source.analysis.variables, (keys = definedKeys(source.analysis)));
  return keys;
}

/**
 * References that name a secret: well formed, with a name of the characters RunPod allows. Judged
 * by characters, not by the rule for a new name: the account's list is not at hand here, and a
 * secret made before the rule changed (`2fa_seed`) is still one RunPod substitutes, as the
 * diagnostics (names.ts referenceNameProblem) and the preflight accept it.
 */
export function namedReferences<R extends Pick<SecretReference, 'name' | 'wellFormed'>>(references: readonly R[]): R[] {
  return references.filter((r) => r.wellFormed && hasSecretNameCharsOnly(r.name));
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function byPosition(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * The problems a rule pushed to `sink`, sorted by position, with a note per code for those it only
 * counted. The rules push each code's problems in document order, so the ones listed are the first
 * of each code, as limitProblems would keep of them all, without building the rest's messages (a
 * dev file of 10,000 keys is 10,000 missing in prod, on every keystroke of prod).
 */
function listed(sink: LimitedProblems): Problem[] {
  return limitProblems(sink.listed.sort((a, b) => byPosition(a.span, b.span)), sink.omitted);
}

/**
 * Whether the environment rules judge a template's files at all: one of them is of an environment.
 * One environment is enough: a shared file beside `train.prod.runpod.env` alone still reaches every
 * prod Pod, so a secret named for dev in it is prod booting with dev's secret. (Compare Environments
 * needs two: one has nothing to be compared with; groupEnvironments.)
 */
function hasEnvironment(files: readonly Pick<EnvironmentFile, 'environment'>[]): boolean {
  return files.some((f) => f.environment !== undefined);
}

/**
 * The paths among `paths` whose template's files the environment rules judge together (two or
 * more files, one of an environment: {@link hasEnvironment}), from the paths alone: the files
 * `runpod-check check` holds until their siblings are read, so it judges them as the editor does
 * with each file's siblings. Any other file is judged alone, with the same answer.
 */
export function filesJudgedTogether(paths: readonly string[], declarations: readonly EnvironmentDeclaration[] = []): Set<string> {
  const templates = new Map<string, EnvironmentFile[]>();
  for (const path of new Set(paths)) {
    const file = environmentFileOf(path, declarations);
    if (!file) continue;
    const files = templates.get(file.template) ?? [];
    files.push(file);
    templates.set(file.template, files);
  }
  const out = new Set<string>();
  for (const files of templates.values()) if (files.length >= 2 && hasEnvironment(files)) for (const f of files) out.add(f.path);
  return out;
}

/** A member as files.ts orders it: its path and the kind it was read with. */
function orderedOf(member: Placed): OrderedFile {
  return { path: member.path, kind: member.analysis.kind };
}

/**
 * Builds the group facts from its members (any order; the shared files have no environment). One
 * environment is a group too: its keys have nothing to be compared with, but a prod file alone
 * (or the only file `runpod.environments` declares for prod) can still reference dev's secret.
 */
function prepare(members: Placed[], declarations: readonly EnvironmentDeclaration[]): Group | undefined {
  members.sort((a, b) => byPrecedence(orderedOf(a), orderedOf(b)));
  if (!hasEnvironment(members.map((m) => m.file))) return undefined;
  const environments = [...new Set(members.flatMap((m) => (m.file.environment === undefined ? [] : [m.file.environment])))].sort();
  const filesByEnvironment = new Map(environments.map((e) => [e, members.filter((m) => m.file.environment === e)]));
  const names = groupFileNames(members.map((m) => m.path), declarations);
  const group: Group = {
    members,
    environments,
    shared: keysOfAll(members.filter((m) => m.file.environment === undefined)),
    keysByEnvironment: new Map([...filesByEnvironment].map(([e, files]) => [e, keysOfAll(files)])),
    names,
    labels: new Map([...filesByEnvironment].map(([e, files]) => [e, environmentLabel(e, names.get(files[0]!.path)!)])),
    filesByEnvironment,
    usedBy: new Map(),
  };
  for (const m of members) {
    const env = m.file.environment;
    if (env === undefined) continue;
    for (const r of namedReferences(m.analysis.references)) {
      const users = group.usedBy.get(r.name) ?? new Set<string>();
      users.add(env);
      group.usedBy.set(r.name, users);
    }
  }
  return group;
}

/**
 * The keys of `files` together. One file's own set when there is one (the usual environment of one
 * file): the open file is judged on every keystroke, and copying its siblings' keys each time cost
 * more than the rules.
 */
function keysOfAll(files: readonly Placed[]): ReadonlySet<string> {
  if (files.length === 1) return files[0]!.keys;
  const keys = new Set<string>();
  for (const f of files) for (const k of f.keys) keys.add(k);
  return keys;
}

/**
 * Which environments would boot with a secret named for another: the one answer behind
 * cross-environment-secret and Compare Environments' "named for another environment".
 * @param environments the template's environments (declared names count as environment words)
 * @param users the environments whose Pods get the reference: a file's own environment, or for
 *   the shared file every environment that does not define the key itself
 * @returns the environments the name marks, and the users it does not mark (none when it marks none)
 */
export function crossingUsers(name: string, environments: readonly string[], users: readonly string[]): { marked: string[]; crossing: string[] } {
  const marked = environmentsInName(name, environments);
  return { marked, crossing: marked.length === 0 ? [] : users.filter((u) => !marked.includes(u)) };
}

/**
 * cross-environment-secret in the file every environment shares: a reference whose key some
 * environment takes from it (defines no value of its own) and whose name marks another.
 */
function sharedFileProblems(file: PlacedSource, group: Group, problems: LimitedProblems): void {
  for (const r of namedReferences<SecretReference>(file.analysis.references)) {
    const users = group.environments.filter((e) => !group.keysByEnvironment.get(e)!.has(r.variableKey));
    const { marked, crossing } = crossingUsers(r.name, group.environments, users);
    if (crossing.length === 0 || problems.countIfFull('cross-environment-secret', r.nameSpan)) continue;
    problems.push({
      code: 'cross-environment-secret',
      span: r.nameSpan,
      message:
        `Secret \`${r.name}\` is named for ${list(marked)}, but this file is shared by ${list(crossing)}: a ${crossing.join(' or ')} Pod would boot with ` +
        `${marked.length === 1 ? `${marked[0]}'s` : "another environment's"} secret. Define the key in each environment's own file.`,
      severity: DEFAULT_SEVERITY['cross-environment-secret'],
      data: { name: r.name },
    });
  }
}

/** The problems of one member of a prepared group, sorted by position. */
function problemsOf(file: PlacedSource, group: Group, catalog: SecretCatalog, declarations: readonly EnvironmentDeclaration[], active: string | undefined): Problem[] {
  const environment = file.file.environment;
  // Problems of each code are pushed in document order and capped as a file's own are (a dev file
  // of 3,000 keys is 3,000 missing in prod), so the editor and check list the same ones.
  const problems = new LimitedProblems();
  if (environment === undefined) {
    sharedFileProblems(file, group, problems);
    return listed(problems);
  }
  const { environments, shared, keysByEnvironment, labels } = group;
  const firstDefining = (env: string, key: string): string => group.filesByEnvironment.get(env)!.find((f) => f.keys.has(key))!.path;
  const has = (env: string, key: string): boolean => shared.has(key) || keysByEnvironment.get(env)!.has(key);
  const label = (env: string): string => labels.get(env) ?? env;

  // missing-in-environment, on the first line of the environment's first file: keys other
  // environments define, in their order. Pushed where the first line falls among the converse
  // problems below (after a key that ends before the line does), to keep the code's document order.
  const span = firstLine(file.text);
  const files = group.filesByEnvironment.get(environment)!;
  const others = environments.filter((e) => e !== environment);
  let firstLinePending = files[0]!.path === file.path;
  const pushMissing = (): void => {
    if (!firstLinePending) return;
    firstLinePending = false;
    others.forEach((other, i) => {
      for (const key of keysByEnvironment.get(other)!) {
        // Each key once, under the first environment defining it; no list is built for the ones
        // only counted (10,000 keys missing here are 10,000 lists per keystroke otherwise).
        if (has(environment, key) || others.some((o, j) => j < i && keysByEnvironment.get(o)!.has(key))) continue;
        if (problems.countIfFull('missing-in-environment', span)) continue;
        const holders = others.filter((o) => keysByEnvironment.get(o)!.has(key));
        problems.push({
          code: 'missing-in-environment',
          span,
          message: `${quotedKey(key)} is defined for ${list(holders.map(label))} but missing here, in ${environment}.`,
          severity: DEFAULT_SEVERITY['missing-in-environment'],
          data: { addKey: { key, from: firstDefining(holders[0]!, key), to: [file.path], toNames: [group.names.get(file.path)!], toEnvironments: [environment], environments } },
        });
      }
    });
  };

  // missing-in-environment, the converse: on this file's definition of a key some environment
  // lacks; only the first file of this environment that defines the key speaks for it.
  const reported = new Set<string>();
  const firstDefines = (key: string): boolean => files.find((f) => f.keys.has(key))?.path === file.path;
  for (const v of definitions(file.analysis)) {
    if (reported.has(v.key) || !firstDefines(v.key)) continue;
    reported.add(v.key);
    const lacking = others.filter((e) => !has(e, v.key));
    if (lacking.length === 0) continue;
    if (firstLinePending && byPosition(v.keySpan, span) >= 0) pushMissing();
    if (problems.countIfFull('missing-in-environment', v.keySpan)) continue;
    problems.push({
      code: 'missing-in-environment',
      span: v.keySpan,
      message: `${quotedKey(v.key)} is missing in ${list(lacking.map(label))}; ${environment} defines it here.`,
      severity: DEFAULT_SEVERITY['missing-in-environment'],
      data: {
        addKey: {
          key: v.key,
          from: file.path,
          to: lacking.map((e) => group.filesByEnvironment.get(e)![0]!.path),
          toNames: lacking.map((e) => group.names.get(group.filesByEnvironment.get(e)![0]!.path)!),
          toEnvironments: lacking,
          environments,
          toOtherAccount: lacking.map((e) => inDifferentAccounts(environment, e, declarations, active)),
        },
      },
    });
  }
  pushMissing();

  // cross-environment-secret and shared-environment-secret, per reference.
  const known = knownNames(catalog);
  for (const r of namedReferences<SecretReference>(file.analysis.references)) {
    const { marked, crossing } = crossingUsers(r.name, environments, [environment]);
    if (crossing.length > 0) {
      if (problems.countIfFull('cross-environment-secret', r.nameSpan)) continue;
      const fix = known ? matchingNameFor(r.name, environment, known, environments) : undefined;
      problems.push({
        code: 'cross-environment-secret',
        span: r.nameSpan,
        message:
          `Secret \`${r.name}\` is named for ${list(marked)}, but this is a ${environment} file: a ${environment} Pod would boot with ` +
          `${marked.length === 1 ? `${marked[0]}'s` : "another environment's"} secret.${fix ? ` Use \`${fix}\`?` : ''}`,
        severity: DEFAULT_SEVERITY['cross-environment-secret'],
        data: fix ? { name: r.name, suggestion: fix, fix: { span: r.nameSpan, newText: fix, title: `Replace with \`${fix}\` (${environment}'s secret)` } } : { name: r.name },
      });
      continue;
    }
    if (!isCredentialKey(r.variableKey)) continue;
    const others = [...(group.usedBy.get(r.name) ?? [])].filter((e) => e !== environment && !inDifferentAccounts(environment, e, declarations, active)).sort();
    if (others.length === 0 || problems.countIfFull('shared-environment-secret', r.nameSpan)) continue;
    // The next step: a secret of this environment alone; "(create it)" when the account is known to lack it (codeActions.ts adds Create Secret).
    const own = ownSecretName(r.name, environment);
    const lacking = own !== undefined && known !== undefined && !known.has(own);
    const fixTitle = own && (lacking ? `Use a secret of ${environment} alone, \`${own}\` (create it)` : `Use \`${own}\` (${environment}'s own secret)`);
    problems.push({
      code: 'shared-environment-secret',
      span: r.nameSpan,
      message: `Secret \`${r.name}\` is also used by ${list(others.map(label))}: environments sharing a credential share its leaks; consider one secret per environment.`,
      severity: DEFAULT_SEVERITY['shared-environment-secret'],
      data: own && fixTitle ? { name: r.name, suggestion: own, fix: { span: r.nameSpan, newText: own, title: fixTitle }, ...(lacking ? { suggestedName: own } : {}) } : { name: r.name },
    });
  }
  return listed(problems);
}

/**
 * The environment problems of `file`, sorted by position (the language server's call, per document).
 * @param siblings other files (any: those of other templates are ignored); `file` itself may be among them;
 *   only their keys and referenced secrets are read
 * @param catalog the account's secrets: the cross-environment fix is offered only for a name the account has
 * @param declarations the `runpod.environments` setting, parsed
 * @param active the active account's name (an environment that declares none runs under it); undefined when not known
 */
export function environmentProblems(
  file: EnvironmentSource,
  siblings: readonly EnvironmentSibling[],
  catalog: SecretCatalog,
  declarations: readonly EnvironmentDeclaration[] = [],
  active?: string,
): Problem[] {
  const self = environmentFileOf(file.path, declarations);
  if (!self) return [];
  const others: { sibling: EnvironmentSibling; placed: EnvironmentFile }[] = [];
  for (const s of siblings) {
    if (s.path === file.path) continue;
    const placed = environmentFileOf(s.path, declarations);
    if (placed?.template === self.template) others.push({ sibling: s, placed });
  }
  // No environment among them (a template's file alone, or only files every environment shares):
  // nothing to judge, and the file's keys are not read. For an open env document they are its whole
  // reading again, on every keystroke.
  if (!hasEnvironment([self, ...others.map((o) => o.placed)])) return [];
  const me: PlacedSource = { ...file, file: self, keys: keysOf(file) };
  const members: Placed[] = [me, ...others.map(({ sibling, placed }) => ({ ...sibling, file: placed, keys: keysOf(sibling) }))];
  const group = prepare(members, declarations);
  return group ? problemsOf(me, group, catalog, declarations, active) : [];
}

/**
 * The environment problems of every file among `sources` that has them (a whole walk, as the
 * command line checks it): each template's facts are built once, so this stays linear in the files.
 * @param active as for {@link environmentProblems}
 * @returns problems by path, only for files that have some
 */
export function environmentProblemsOfAll(
  sources: readonly EnvironmentSource[],
  catalog: SecretCatalog,
  declarations: readonly EnvironmentDeclaration[] = [],
  active?: string,
): Map<string, Problem[]> {
  const templates = new Map<string, PlacedSource[]>();
  for (const s of sources) {
    const file = environmentFileOf(s.path, declarations);
    if (!file) continue;
    const members = templates.get(file.template) ?? [];
    members.push({ ...s, file, keys: keysOf(s) });
    templates.set(file.template, members);
  }
  const out = new Map<string, Problem[]>();
  for (const members of templates.values()) {
    const group = prepare(members, declarations);
    if (!group) continue;
    for (const m of members) {
      const problems = problemsOf(m, group, catalog, declarations, active);
      if (problems.length > 0) out.set(m.path, problems);
    }
  }
  return out;
}

/**
 * Compare Environments: keys x environments of each template with several environments, saying
 * which secret each environment uses for a key, where a key is missing, where a secret named for
 * another environment is used, and which keys differ. The one comparison behind the editor's
 * "RunPod: Compare Environments" and `runpod-check envs compare`. Plain values are compared (to
 * say "differs") but never returned: a cell says `plain`, never the value. Pure.
 */
import { findReferencesInValue } from '../references';
import { quotedKey } from '../rules/keys';
import type { EnvVariable } from '../types';
import { DIFFERENT_ACCOUNTS, inDifferentAccounts } from './accounts';
import type { EnvironmentDeclaration } from './declarations';
import { groupEnvironments, type EnvironmentGroup } from './files';
import { crossingUsers, fileLabel, namedReferences, type EnvironmentSource } from './rules';

export interface ComparisonCell {
  /** `missing`: neither the environment's files nor the shared file define the key. */
  state: 'missing' | 'secret' | 'plain';
  /** Secret names the value references (of the characters RunPod allows: rules.ts namedReferences), in order. */
  secrets: string[];
  /** The value holds a `{{ ... }}` that names no valid secret. */
  malformed: boolean;
  /** The value holds text besides its references (`postgres://u:{{ RUNPOD_SECRET_pw }}@db`). */
  embedded: boolean;
  /** Referenced names that mark another environment (cross-environment-secret). */
  crosses: string[];
  /** Defined by the template's shared file, not the environment's own. */
  shared: boolean;
  /** The file the value comes from (its name), absent when missing. */
  file?: string;
}

export interface ComparisonRow {
  key: string;
  /** Parallel to the comparison's environments. */
  cells: ComparisonCell[];
  /** Environments that lack the key. */
  missingIn: string[];
  /** Some environment uses a secret named for another. */
  crosses: boolean;
  /** The environments that define the key do not all give it the same value (secret names or plain text). */
  differs: boolean;
}

export interface EnvironmentComparison {
  /** The template's label (files.ts). */
  template: string;
  environments: EnvironmentGroup['environments'];
  shared: string[];
  rows: ComparisonRow[];
  /** Rows with a missing key, a crossing secret, a difference. */
  missing: number;
  crossing: number;
  differing: number;
}

interface Definition {
  variable: EnvVariable;
  file: string;
  shared: boolean;
}

/** The last definition of each valid key in `paths` (in precedence order: later files win, as Launch Pod merges). */
function definitions(paths: readonly string[], sources: ReadonlyMap<string, EnvironmentSource>, shared: boolean): Map<string, Definition> {
  const out = new Map<string, Definition>();
  for (const path of paths) {
    const source = sources.get(path);
    if (!source) continue;
    for (const variable of source.analysis.variables) if (quotedKey(variable.key)) out.set(variable.key, { variable, file: fileLabel(path), shared });
  }
  return out;
}

const MISSING: ComparisonCell = Object.freeze({ state: 'missing', secrets: [], malformed: false, embedded: false, crosses: [], shared: false }) as ComparisonCell;

/** The cell of one definition, and what makes it equal to another (kept here: it may hold a plain value). */
function cellOf(def: Definition, environment: string, environments: readonly string[]): { cell: ComparisonCell; identity: string } {
  const value = def.variable.value;
  const found = findReferencesInValue(value);
  const secrets = namedReferences(found).map((r) => r.name);
  const malformed = found.length > secrets.length;
  // The rule's own answer (rules.ts), so the table and cross-environment-secret never disagree.
  const crosses = secrets.filter((name) => crossingUsers(name, environments, [environment]).crossing.length > 0);
  const covered = found.reduce((n, r) => n + (r.decodedSpan.end - r.decodedSpan.start), 0);
  const cell: ComparisonCell = {
    state: found.length > 0 ? 'secret' : 'plain',
    secrets,
    malformed,
    embedded: found.length > 0 && covered < value.length,
    crosses,
    shared: def.shared,
    file: def.file,
  };
  return { cell, identity: found.length > 0 ? `secret:${value}` : `plain:${value}` };
}

/**
 * Compares the environments of every template among `sources` that has two or more.
 * @param sources analyzed files (any: those of no template are ignored)
 * @param declarations the `runpod.environments` setting, parsed
 */
export function compareEnvironments(sources: readonly EnvironmentSource[], declarations: readonly EnvironmentDeclaration[] = []): EnvironmentComparison[] {
  const byPath = new Map(sources.map((s) => [s.path, s]));
  // Each environment's files in the order of the kinds they were read with (files.ts byPrecedence).
  return groupEnvironments([...byPath.keys()], declarations, (path) => byPath.get(path)?.analysis.kind).map((group) => compareGroup(group, byPath));
}

function compareGroup(group: EnvironmentGroup, byPath: ReadonlyMap<string, EnvironmentSource>): EnvironmentComparison {
  const names = group.environments.map((e) => e.name);
  const shared = definitions(group.shared, byPath, true);
  const own = group.environments.map((e) => definitions(e.files, byPath, false));
  // Keys in order of first appearance: each environment's in turn, then the shared file's.
  const keys = [...new Set([...own.flatMap((defs) => [...defs.keys()]), ...shared.keys()])];
  const rows: ComparisonRow[] = keys.map((key) => {
    const identities = new Set<string>();
    const cells = names.map((environment, i) => {
      const def = own[i]!.get(key) ?? shared.get(key);
      if (!def) return MISSING;
      const { cell, identity } = cellOf(def, environment, names);
      identities.add(identity);
      return cell;
    });
    return {
      key,
      cells,
      missingIn: names.filter((_, i) => cells[i]!.state === 'missing'),
      crosses: cells.some((c) => c.crosses.length > 0),
      differs: identities.size > 1,
    };
  });
  return {
    template: group.label,
    environments: group.environments,
    shared: group.shared,
    rows,
    missing: rows.filter((r) => r.missingIn.length > 0).length,
    crossing: rows.filter((r) => r.crosses).length,
    differing: rows.filter((r) => r.differs).length,
  };
}

/** What a cell shows: `secret hf-token`, `(plain value)`, `(missing)`; never a value. */
export function cellText(cell: ComparisonCell): string {
  if (cell.state === 'missing') return '(missing)';
  let text = cell.state === 'plain' ? '(plain value)' : cell.secrets.length > 0 ? `secret${cell.secrets.length > 1 ? 's' : ''} ${cell.secrets.join(', ')}` : '(malformed reference)';
  if (cell.state === 'secret' && cell.secrets.length > 0 && cell.malformed) text += ' + a malformed reference';
  if (cell.embedded) text += ' (in a longer value)';
  if (cell.shared) text += ' (shared file)';
  return text;
}

/**
 * What a row's last column says: `missing in prod`, `prod uses dev-db (named for another
 * environment)`, `differs`, `same`; {@link DIFFERENT_ACCOUNTS} when the same secret names are used
 * by environments in different accounts (accounts.ts inDifferentAccounts): two secrets, two values.
 * @param active the active account's name (an environment that declares none runs under it); undefined when not known
 */
export function rowStatus(row: ComparisonRow, environments: EnvironmentGroup['environments'], active?: string): string {
  const parts: string[] = [];
  if (row.missingIn.length > 0) parts.push(`missing in ${row.missingIn.join(', ')}`);
  row.cells.forEach((cell, i) => {
    if (cell.crosses.length > 0) parts.push(`${environments[i]!.name} uses ${cell.crosses.join(', ')} (named for another environment)`);
  });
  if (parts.length === 0) parts.push(row.differs ? 'differs' : accountsApart(row, environments, active) ? DIFFERENT_ACCOUNTS : 'same');
  else if (row.differs && row.missingIn.length === 0) parts.push('differs');
  return parts.join('; ');
}

/** Whether two environments that reference secrets in this row are in different accounts. */
function accountsApart(row: ComparisonRow, environments: EnvironmentGroup['environments'], active: string | undefined): boolean {
  const using = environments.filter((_, i) => row.cells[i]!.secrets.length > 0).map((e) => e.name);
  return using.some((a, i) => using.slice(i + 1).some((b) => inDifferentAccounts(a, b, environments, active)));
}

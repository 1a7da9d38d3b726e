/**
 * The text of Compare Environments' read-only document: one table per template, keys x
 * environments, from the core's comparison (the same one `runpod-check envs compare` prints).
 * Every piece of file-controlled text goes through the one Markdown escaper; values never appear
 * (the comparison does not carry them). Pure.
 */
import { count } from '../../../server/src/template/counts';
import { accountOfEnvironment, cellText, otherAccountInEditor, rowStatus, unnamedAccount, type EnvironmentComparison } from '../../../server/src/template/environments/index';
import { escapeMarkdown } from '../views/markdown';
import { NOT_ON_ACCOUNT } from '../launch/envItems';
import { secretsNotOnAccount } from '../launch/summary';
import { sameAccountName } from '../../../server/src/template/accountNames';
import { isUnknownSecretName } from '../../../server/src/template/rules/unknownSecret';
import type { SecretCatalog } from '../../../server/src/template/types';
import { UNLISTED_FOLDERS } from './unlistedFolders';
import { comparisonHeadings } from './comparisonHeading';
import { NO_ANSWER_PROBLEM } from '../boundedRead';
import type { WorkspaceText } from '../workspaceText';
import type { FileRead } from './workspaceFiles';

/** The active account and its secret names (`knownSecretNames`, the rule Launch Pod marks references by). */
export interface KnownAccountSecrets {
  account: string;
  /** Undefined while the list is not known (signed out, never fetched): then nothing is marked. */
  names: ReadonlySet<string> | undefined;
  /** The accounts the editor holds a key of: the note under another account's column says to switch to one, or to add it. */
  held?: readonly string[];
}

/** What the comparison could not look at, each said once under the tables. */
export interface ComparisonNotes {
  /**
   * Each compared file as read, or why not (workspaceFiles.ts loadSources). A file not read shows its
   * keys as missing and is named by cause: too large or unreadable; its read did not finish in time
   * (boundedRead.ts), not called too large; or not started behind another file's read, with that
   * reason, not blamed on it.
   */
  reads?: readonly FileRead[];
  /** Folders that could not be listed (workspaceWalk.ts WalkedFolder.unlisted): their files are not compared. */
  unlisted?: readonly string[];
}

/**
 * Markdown for the comparisons, with the {@link ComparisonNotes}.
 * @param known the active account and its secrets: references outside them are marked, in the columns of
 *   environments that run under that account (declaring none, or it), and a secret name of
 *   environments in different accounts is two secrets (rowStatus). Without names (the list not
 *   known) nothing is marked, as no unknown-secret warning is given from missing knowledge.
 */
export function renderComparison(comparisons: readonly EnvironmentComparison[], { reads = [], unlisted = [] }: ComparisonNotes = {}, known?: KnownAccountSecrets): string {
  // Another account's environment (or one whose account is not a name) is checked against that account's list, which this is not.
  const underActive = (c: EnvironmentComparison, column: number, active: string) => {
    const account = accountOfEnvironment(c.environments[column]!.name, c.environments, active);
    return account !== undefined && sameAccountName(account, active);
  };
  // The unknown-secret diagnostic's own question (so a name the rule refuses is not called missing, as the editor does not).
  const catalog: SecretCatalog | undefined = known?.names && { state: 'fresh', secrets: [...known.names].map((name) => ({ name })) };
  const notOnAccount = (c: EnvironmentComparison, column: number, names: readonly string[]) =>
    catalog && known && underActive(c, column, known.account) ? names.filter((n) => isUnknownSecretName(catalog, n)) : [];
  const lines: string[] = ['# Compare Environments', ''];
  if (comparisons.length === 0) {
    lines.push(
      'No template with two or more environments. Name env files for their environment (`train.dev.runpod.env`, ' +
        '`train.prod.runpod.env`), or declare them in the `runpod.environments` setting.',
      '',
    );
  }
  const headings = comparisonHeadings(comparisons);
  for (const [i, c] of comparisons.entries()) {
    const heading = headings[i]!;
    lines.push(`## ${escapeMarkdown(heading.title)}`, '');
    const summary = [
      c.missing ? `${count(c.missing, 'key')} missing somewhere` : 'no key missing',
      c.crossing ? `${count(c.crossing, 'secret')} named for another environment` : 'no secret crossing environments',
      `${c.differing} differ${c.differing === 1 ? 's' : ''}`,
    ];
    const absent = new Set(c.rows.flatMap((row) => row.cells.flatMap((cell, i) => notOnAccount(c, i, cell.secrets)))).size;
    if (absent > 0) summary.push(secretsNotOnAccount(absent));
    lines.push(`${c.missing || c.crossing || absent ? '⚠️ ' : ''}${summary.join(' · ')}`, '');
    lines.push(`| Key | ${c.environments.map((e) => escapeMarkdown(e.name)).join(' | ')} | Status |`);
    lines.push(`|---|${c.environments.map(() => '---|').join('')}---|`);
    for (const row of c.rows) {
      const cells = row.cells.map((cell, i) => {
        const absentHere = notOnAccount(c, i, cell.secrets);
        const mark = absentHere.length === 0 ? '' : cell.secrets.length === 1 ? ` ${NOT_ON_ACCOUNT}` : ` (not on your account: ${absentHere.join(', ')})`;
        const text = escapeMarkdown(cellText(cell) + mark);
        return cell.state === 'missing' || cell.crosses.length > 0 || mark ? `**${text}**` : text;
      });
      lines.push(`| \`${row.key}\` | ${cells.join(' | ')} | ${escapeMarkdown(rowStatus(row, c.environments, known?.account))} |`);
    }
    lines.push('', 'Files:', '');
    // An invalid account is said, never shown: the comparison needs no account, but the user learns here which setting to correct.
    for (const { name, files, account } of heading.entries) {
      lines.push(`- **${escapeMarkdown(name)}**: ${files.map(escapeMarkdown).join(', ')}${account ? ` (${escapeMarkdown(account)})` : ''}`);
    }
    lines.push('');
    // A column left unmarked while others are (another account's, or one whose account is not a
    // name: underActive, the marks' own question) is said, with the step that checks it, as its
    // files' note says. Without the list no column is marked: none is said to be the one not checked.
    if (catalog && known) {
      c.environments.forEach((e, column) => {
        if (underActive(c, column, known.account)) return;
        const account = accountOfEnvironment(e.name, c.environments, known.account);
        const { state, remedy } = account === undefined ? unnamedAccount(e.name) : otherAccountInEditor(account, known.account, known.held);
        lines.push(`_${escapeMarkdown(`Secret names of ${e.name} are not checked: ${state}. ${remedy} to check them.`)}_`, '');
      });
    }
  }
  const notRead = (cause: (read: Extract<WorkspaceText, { ok: false }>) => boolean | undefined) =>
    reads.flatMap(({ path, read }) => (!read.ok && cause(read) ? [{ path, problem: read.problem }] : []));
  const unreadable = notRead((read) => !read.noAnswer && !read.refused);
  if (unreadable.length > 0) lines.push(`_Not read (too large or unreadable): ${unreadable.map((r) => escapeMarkdown(r.path)).join(', ')}._`, '');
  const unanswered = notRead((read) => read.noAnswer);
  if (unanswered.length > 0) lines.push(`_Not read, the read ${escapeMarkdown(NO_ANSWER_PROBLEM)}: ${unanswered.map((r) => escapeMarkdown(r.path)).join(', ')}._`, '');
  for (const r of notRead((read) => read.refused)) lines.push(`_${escapeMarkdown(r.path)}: ${escapeMarkdown(r.problem)}._`, '');
  if (unlisted.length > 0) lines.push(`_${UNLISTED_FOLDERS}, so their files are not compared: ${unlisted.map(escapeMarkdown).join(', ')}._`, '');
  lines.push('_Plain values are shown as “(plain value)”, never read out. The table follows the files as saved or open in an editor._', '');
  return lines.join('\n');
}

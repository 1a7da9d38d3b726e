/**
 * The text of Compare Environments' read-only document: one table per template, keys x
 * environments, from the core's comparison (the same one `runpod-check envs compare` prints).
 * Every piece of file-controlled text goes through the one Markdown escaper; values never appear
 * (the comparison does not carry them). Pure.
 */
import { cellText, rowStatus, type EnvironmentComparison } from '../../../server/src/template/environments/index';
import { escapeMarkdown } from '../views/markdown';
import { accountText } from '../launch/environmentChoice';

/** Markdown for the comparisons; `unread` names files that could not be read (their keys show as missing). */
export function renderComparison(comparisons: readonly EnvironmentComparison[], unread: readonly string[] = []): string {
  const lines: string[] = ['# Compare Environments', ''];
  if (comparisons.length === 0) {
    lines.push(
      'No template with two or more environments. Name env files for their environment (`train.dev.runpod.env`, ' +
        '`train.prod.runpod.env`), or declare them in the `runpod.environments` setting.',
      '',
    );
  }
  for (const c of comparisons) {
    lines.push(`## ${escapeMarkdown(c.template)}`, '');
    const summary = [
      c.missing ? `${c.missing} key${c.missing === 1 ? '' : 's'} missing somewhere` : 'no key missing',
      c.crossing ? `${c.crossing} secret${c.crossing === 1 ? '' : 's'} named for another environment` : 'no secret crossing environments',
      `${c.differing} differ${c.differing === 1 ? 's' : ''}`,
    ];
    lines.push(`${c.missing || c.crossing ? '⚠️ ' : ''}${summary.join(' · ')}`, '');
    lines.push(`| Key | ${c.environments.map((e) => escapeMarkdown(e.name)).join(' | ')} | Status |`);
    lines.push(`|---|${c.environments.map(() => '---|').join('')}---|`);
    for (const row of c.rows) {
      const cells = row.cells.map((cell) => {
        const text = escapeMarkdown(cellText(cell));
        return cell.state === 'missing' || cell.crosses.length > 0 ? `**${text}**` : text;
      });
      lines.push(`| \`${row.key}\` | ${cells.join(' | ')} | ${escapeMarkdown(rowStatus(row, c.environments))} |`);
    }
    lines.push('', 'Files:', '');
    for (const e of c.environments) {
      // An invalid account is said, never shown: the comparison needs no account, but the user learns here which setting to correct.
      const account = e.account || e.invalidAccount ? ` (${escapeMarkdown(accountText(e))})` : '';
      lines.push(`- **${escapeMarkdown(e.name)}**: ${e.files.map(escapeMarkdown).join(', ')}${account}`);
    }
    if (c.shared.length > 0) lines.push(`- **shared by all**: ${c.shared.map(escapeMarkdown).join(', ')}`);
    lines.push('');
  }
  if (unread.length > 0) lines.push(`_Not read (too large or unreadable): ${unread.map(escapeMarkdown).join(', ')}._`, '');
  lines.push('_Plain values are shown as “(plain value)”, never read out. The table follows the files as saved or open in an editor._', '');
  return lines.join('\n');
}

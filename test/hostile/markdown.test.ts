/**
 * The Markdown documents the editor shows in its preview (Compare Environments, Secret History)
 * over what a hostile repository, a planted history file or a broken server controls: file names,
 * secret names and references holding HTML, links (command: ones too), backticks and line breaks.
 * Rendered as VS Code's preview renders them (markdown-it with HTML allowed, links linkified), the
 * result holds no element and no link that came from that text.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compareEnvironments } from '../../server/src/template/environments/index';
import { renderComparison } from '../../client/src/environments/comparisonMarkdown';
import { renderHistoryDocument } from '../../client/src/commands/historyDocument';
import { parseHistoryLines } from '../../client/src/secrets/history';
import { ref, sources } from '../template/environments/helpers';

// markdown-it comes with @vscode/vsce; VS Code's preview is markdown-it with html and linkify on.
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options?: object) => { render(text: string): string };
const preview = new MarkdownIt({ html: true, linkify: true });

const HOSTILE = [
  '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)',
  '<img src=x onerror=alert(1)>',
  '`code` **bold**',
  'line\n# heading\n<script>x</script>',
  '<command:runpod.secrets.delete>',
];

/** The tags of rendered HTML, and every href. */
function elements(html: string): { tags: string[]; hrefs: string[] } {
  return { tags: [...new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase()))], hrefs: [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!) };
}

/** The tags the documents' own Markdown makes. */
const OWN_TAGS = new Set(['h1', 'h2', 'p', 'em', 'strong', 'code', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br']);

describe('Markdown the editor renders from hostile text', () => {
  it('Compare Environments: file names and secret names make no element and no link', () => {
    for (const evil of HOSTILE) {
      const files = {
        [`${evil}.dev.runpod.env`]: `A=${ref(`dev-${evil.replace(/[{}\n]/g, '')}`)}\nB=1\n`,
        [`${evil}.prod.runpod.env`]: 'A=plain\n',
      };
      const comparisons = compareEnvironments(sources(files), []);
      expect(comparisons.length, evil).toBe(1);
      const { tags, hrefs } = elements(preview.render(renderComparison(comparisons, {
          // Every cause of a file not read names the file: unreadable, no answer, refused behind another (whose name the reason holds).
          reads: [
            { path: `${evil}.unread.runpod.env`, read: { ok: false, problem: 'unreadable (FileNotFound)' } },
            { path: `${evil}.hung.runpod.env`, read: { ok: false, problem: 'did not finish', noAnswer: true } },
            { path: `${evil}.refused.runpod.env`, read: { ok: false, problem: `not read: a read of ${evil}.hung.runpod.env has not answered`, refused: true } },
          ],
          unlisted: [`${evil}/locked`],
        })));
      expect(tags.filter((t) => !OWN_TAGS.has(t)), evil).toEqual([]);
      expect(hrefs, evil).toEqual([]);
    }
  });

  it('Secret History: a planted history file makes no element and no link', () => {
    const jsonl = HOSTILE.map((evil, i) =>
      JSON.stringify({
        at: `2026-09-01T12:00:0${i}Z`,
        action: i % 2 ? 'renamed' : 'pods-restarted',
        secret: evil,
        to: `${evil}-2`,
        pods: [{ id: evil, name: evil, ok: i % 2 === 0 }],
        account: { origin: `https://${evil}`, label: evil },
        source: 'cli',
      }),
    ).join('\n');
    const entries = parseHistoryLines(jsonl);
    expect(entries).toHaveLength(HOSTILE.length);
    const markdown = renderHistoryDocument({ entries, secrets: [], now: Date.parse('2026-09-02T00:00:00Z'), cliError: HOSTILE.join(' ') });
    const { tags, hrefs } = elements(preview.render(markdown));
    expect(tags.filter((t) => !OWN_TAGS.has(t))).toEqual([]);
    expect(hrefs).toEqual([]);
  });
});

/**
 * The one Markdown escaper (server/src/template/markdown.ts), used by hovers, completions, the
 * tree's tooltips, the Pods view and the secret document: rendered by a CommonMark renderer, the
 * escaped text shows exactly the original text, with no markup and no HTML.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, messageToMarkdown } from '../../server/src/template/markdown';

// markdown-it (CommonMark, as VS Code's MarkdownString and preview render) comes with @vscode/vsce.
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options?: object) => { render(text: string): string };
const md = new MarkdownIt({ html: true, linkify: false });

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/** The rendered HTML, and the text a reader sees: tags dropped, entities decoded, line breaks as `\n`. */
function rendered(markdown: string): { html: string; text: string } {
  const html = md.render(markdown);
  const text = html
    .replace(/<br\s*\/?>\n?/g, '\n')
    .replace(/<\/p>\n?<p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e]!)
    .replace(/\n+$/, '');
  return { html, text };
}

/** Tags that would mean the text became markup (anything but paragraphs and line breaks). */
const MARKUP = /<(?!\/?p>|br\s*\/?>)[a-z/!?]/i;

describe('escapeMarkdown', () => {
  it.each([
    ['a > b', 'a > b'], // the views escaper used to show a literal &gt; here
    ['> quoted', '> quoted'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['Tom & Jerry &amp; co', 'Tom & Jerry &amp; co'],
    ['`code` and ``two``', '`code` and ``two``'],
    ['[click](command:runpod.secrets.delete)', '[click](command:runpod.secrets.delete)'],
    ['![img](https://x.example/a.png)', '![img](https://x.example/a.png)'],
    ['snake_case_name and *stars* and __bold__', 'snake_case_name and *stars* and __bold__'],
    ['# heading', '# heading'],
    ['- item', '- item'],
    ['+ item', '+ item'],
    ['1. first', '1. first'],
    ['2) second', '2) second'],
    ['a | b | c', 'a | b | c'],
    ['~~gone~~', '~~gone~~'],
    ['back\\slash \\*', 'back\\slash \\*'],
    ['<https://auto.link>', '<https://auto.link>'],
    ['hf-token 2026-09-01 v1.2', 'hf-token 2026-09-01 v1.2'],
    ['a | b\n:-', 'a | b\n:-'], // a one-column table, even with the pipe escaped
  ])('renders %j as itself', (input, shown) => {
    const { html, text } = rendered(escapeMarkdown(input));
    expect(text).toBe(shown);
    expect(html).not.toMatch(MARKUP);
  });

  it('keeps line breaks, and block markup on a later line stays text', () => {
    const { html, text } = rendered(escapeMarkdown('line one\n# not a heading\r\n---\r> not a quote'));
    expect(text).toBe('line one\n# not a heading\n---\n> not a quote');
    expect(html).not.toMatch(MARKUP);
  });

  it('an indented line stays text, not a code block (the property test found "    a")', () => {
    for (const input of ['    a', 'x\n\n    indented', '\tb']) {
      const { html, text } = rendered(escapeMarkdown(input));
      expect(html).not.toMatch(MARKUP);
      expect(text.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(input.split('\n').map((l) => l.trim()).filter(Boolean));
    }
  });

  it('escapes every $: VS Code renders $x$ and $$x$$ as KaTeX math in a Markdown document (View Secret showed a parse error)', () => {
    for (const input of ['price $x$ here', '$$\\frac{1}{2}$$', 'pay $5 or $20', '$(zap) line1\nline2 $(alert)']) {
      const escaped = escapeMarkdown(input);
      expect(escaped).not.toMatch(/(^|[^\\])\$/);
      expect(rendered(escaped).text).toBe(input.replace(/\r\n?/g, '\n'));
    }
  });

  it('leaves plain words as they are (readable where Markdown is shown raw)', () => {
    expect(escapeMarkdown('Hugging Face read token for hf-token')).toBe('Hugging Face read token for hf-token');
  });

  it('any text of Markdown-significant characters renders as itself, without markup', () => {
    const alphabet = fc.constantFrom(...'ab \\`*_{}[]()#+-.!|<>&~=:1\n'.split(''), ' ', 'a', '1.', '\n1. ', '\n- ', '\n> ', '\n:-', '\n---');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')), (input) => {
        const { html, text } = rendered(escapeMarkdown(input));
        expect(html).not.toMatch(MARKUP);
        // Blanks around line breaks and at the ends are not shown by any Markdown renderer.
        const norm = (s: string) => s.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n');
        expect(norm(text)).toBe(norm(input));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('messageToMarkdown', () => {
  it('renders code parts as code and the rest as text', () => {
    const { html, text } = rendered(messageToMarkdown('Unknown secret `hf_tok>en`; did you mean <this>?'));
    expect(text).toBe('Unknown secret hf_tok>en; did you mean <this>?');
    expect(html).toContain('<code>hf_tok&gt;en</code>');
  });
});

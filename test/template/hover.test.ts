import { describe, expect, it } from 'vitest';
import { hover } from '../../server/src/template';
import { cursor, marked } from './cursor';
import { fresh, stale, unknown } from './types';

function at(src: string, catalog = fresh) {
  const { text, offset } = cursor(src);
  return hover(text, offset, 'runpod-env', catalog);
}

describe('hover on a reference', () => {
  it('shows name, description, created, value last updated and that the value is write-only', () => {
    const h = at('A={{ RUNPOD_SECRET_hf-|token }}')!;
    expect(h.markdown).toContain('`hf-token`');
    expect(h.markdown).toContain('Hugging Face \\*read\\* token &lt;org&gt;');
    expect(h.markdown).not.toContain('<org>');
    expect(h.markdown).toContain('Created: 2026-09-01 12:00 UTC');
    expect(h.markdown).toContain('Value last updated: 2026-10-02 08:30 UTC');
    expect(h.markdown).toMatch(/write-only/);
  });
  it('spans the whole reference, braces included', () => {
    const { text, spans } = marked('A=x ⟦{{ RUNPOD_SECRET_hf-token }}⟧ y');
    for (const offset of [spans[0]!.start, spans[0]!.start + 5, spans[0]!.end]) {
      expect(hover(text, offset, 'runpod-env', fresh)!.span).toEqual(spans[0]);
    }
  });
  it('omits dates a secret does not have', () => {
    const h = at('A={{ RUNPOD_SECRET_wan|db_key }}')!;
    expect(h.markdown).not.toMatch(/Created|updated/);
    expect(h.markdown).toMatch(/write-only/);
  });
  it('for an unknown name: not in the list, when it was fetched, and the closest name', () => {
    const h = at('A={{ RUNPOD_SECRET_hf-tok|n }}')!;
    expect(h.markdown).toMatch(/Not in your RunPod secret list \(fetched 2026-11-20 10:00 UTC\)/);
    expect(h.markdown).toContain('Did you mean `hf-token`?');
  });
  it('for a stale list says it may be out of date', () => {
    expect(at('A={{ RUNPOD_SECRET_no|pe }}', stale)!.markdown).toMatch(/out of date/);
  });
  it('for an unknown list says the name cannot be checked', () => {
    expect(at('A={{ RUNPOD_SECRET_no|pe }}', unknown)!.markdown).toMatch(/not loaded/);
  });
  it('for an invalid name gives the rule', () => {
    expect(at('A={{ RUNPOD_SECRET_RUNPOD|x }}')!.markdown).toMatch(/reserved/);
  });
  it('explains a malformed reference', () => {
    expect(at('A={{ runpod_secret_hf-to|ken }}')!.markdown).toMatch(/Malformed[\s\S]*case-sensitive/);
  });
  it('shows user-written text of a malformed reference as code, never as HTML', () => {
    const md = at('A={{ <RUNPOD_SECRET_|x }}')!.markdown;
    expect(md).toContain('`<RUNPOD_SECRET_`');
    expect(md).not.toMatch(/[^`]<RUNPOD/);
    const md2 = at('A={{ `RUNPOD_SECRET_|x }}')!.markdown;
    expect(md2).not.toMatch(/`RUNPOD_SECRET_`\s*but/);
  });
  it('is nothing outside references and on user templating', () => {
    expect(at('A|={{ RUNPOD_SECRET_hf-token }}')).toBeUndefined();
    expect(at('A={{ .Val|ues }}')).toBeUndefined();
    expect(at('A=pla|in')).toBeUndefined();
  });
  it('shows an invisible character in the name as its escape, with the reason naming it', () => {
    const h = at('A={{ RUNPOD_SECRET_a\u200d|b }}')!;
    expect(h.markdown).toContain('`a\\u200db`');
    expect(h.markdown).toContain('U+200D');
    expect(h.markdown).not.toContain('\u200d');
  });
  it('escapes markdown in descriptions so they cannot inject links or HTML', () => {
    const catalog = { state: 'fresh' as const, secrets: [{ name: 'x', description: '[click](http://evil) <img src=x> `code`' }] };
    const md = at('A={{ RUNPOD_SECRET_|x }}', catalog)!.markdown;
    expect(md).not.toContain('[click](');
    expect(md).not.toContain('<img');
    expect(md).toContain('\\[click\\]\\(http://evil\\)');
  });
});

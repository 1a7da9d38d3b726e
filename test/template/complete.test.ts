import { describe, expect, it } from 'vitest';
import { complete, type SecretCatalog } from '../../server/src/template';
import { applyEdit, cursor } from './cursor';
import { fresh, unknown } from './types';

/** Completes at `|`, accepts the item for `name`, returns the resulting document. */
function accept(src: string, name = 'hf-token', catalog: SecretCatalog = fresh, kind: 'runpod-env' | 'dotenv' = 'runpod-env'): string {
  const { text, offset } = cursor(src);
  const r = complete(text, offset, kind, catalog);
  if (!r) throw new Error(`no completion in ${src}`);
  const item = r.items.find((i) => i.label === name)!;
  return applyEdit(text, r.replace, item.insertText);
}

describe('completion inside a reference', () => {
  it.each([
    ['A={{ RUNPOD_SECRET_|', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ RUNPOD_SECRET_| }}', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ RUNPOD_SECRET_hf| }}', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ RUNPOD_SECRET_h|f-tok }}', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ RUNPOD_SECRET_hf|}}', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ RUNPOD_SECRET_hf| }', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ |', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ | }}', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ RUN|', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{|', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{ |  ', 'A={{ RUNPOD_SECRET_hf-token }}  '],
    ['A="{{ RUNPOD_SECRET_|"', 'A="{{ RUNPOD_SECRET_hf-token }}"'],
    ['A="x \\" {{ RUNPOD_SECRET_|"', 'A="x \\" {{ RUNPOD_SECRET_hf-token }}"'],
    ['A=postgres://u:{{ RUNPOD_SECRET_|@h', 'A=postgres://u:{{ RUNPOD_SECRET_hf-token }}@h'],
    ['A={{ RUNPOD_SECRET_| }}\nB=1', 'A={{ RUNPOD_SECRET_hf-token }}\nB=1'],
    ['A={{ hf| }}', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A={{hf|', 'A={{ RUNPOD_SECRET_hf-token }}'],
  ])('%s', (src, expected) => {
    expect(accept(src)).toBe(expected);
  });
  it.each(['A={{ RUNPOD_SECRETS_|', 'A={{ runpodx|', 'A={{ RunPod_token|'])('%s: a RunPod-prefixed word names no secret: no list (the diagnostics fix it)', (src) => {
    const { text, offset } = cursor(src);
    expect(complete(text, offset, 'runpod-env', fresh)).toBeUndefined();
  });
  it('replaces exactly the partial name when the reference is already closed', () => {
    const { text, offset } = cursor('A={{ RUNPOD_SECRET_hf| }}');
    const r = complete(text, offset, 'runpod-env', fresh)!;
    expect(text.slice(r.replace.start, r.replace.end)).toBe('hf');
    expect(r.items.find((i) => i.label === 'hf-token')!.insertText).toBe('hf-token');
  });
  it('offers one item per secret with description and created date, never a value', () => {
    const { text, offset } = cursor('A={{ RUNPOD_SECRET_|');
    const r = complete(text, offset, 'runpod-env', fresh)!;
    expect(r.items.map((i) => i.label)).toEqual(fresh.secrets.map((s) => s.name));
    const hf = r.items.find((i) => i.label === 'hf-token')!;
    expect(hf).toMatchObject({ kind: 'secret', detail: 'Hugging Face *read* token <org>' });
    // The one-line description is the detail; the documentation below it adds the date, not the same line again.
    expect(hf.documentation).not.toContain('Hugging Face');
    expect(hf.documentation).toContain('2026-09-01');
    expect(r.items.find((i) => i.label === 'wandb_key')!.detail).toBeUndefined();
  });
  it('a description of several lines: the first is the detail, the documentation has all of it', () => {
    const catalog = { ...fresh, secrets: [{ name: 'tls-key', description: 'Server key\nrotated monthly', createdAt: '2026-09-01T12:00:00Z' }] };
    const item = complete('A={{ RUNPOD_SECRET_', 19, 'runpod-env', catalog)!.items[0]!;
    expect(item.detail).toBe('Server key');
    expect(item.documentation).toContain('rotated monthly');
  });
  it('a name typed without the prefix is filtered by name and gets the prefix on accept', () => {
    const { text, offset } = cursor('A={{ hf|');
    const r = complete(text, offset, 'runpod-env', fresh)!;
    expect(text.slice(r.replace.start, r.replace.end)).toBe('hf');
    expect(r.items.find((i) => i.label === 'hf-token')).toMatchObject({ filterText: 'hf-token', insertText: 'RUNPOD_SECRET_hf-token }}' });
  });
  it('works in dotenv documents', () => {
    expect(accept('A={{ RUNPOD_SECRET_|', 'wandb_key', fresh, 'dotenv')).toBe('A={{ RUNPOD_SECRET_wandb_key }}');
  });
  it('offers nothing in user templating or after the name', () => {
    for (const src of ['A={{ .Values.| }}', 'A={{ RUNPOD_SECRET_x | }}', 'A={{ RUNPOD_SECRET_x }} |', '# {{ |', 'A={{ RUNPOD_SECRETS_|', 'A={{ 9x|']) {
      const { text, offset } = cursor(src);
      expect(complete(text, offset, 'runpod-env', fresh), src).toBeUndefined();
    }
  });
});

describe('completion of a whole reference right after =', () => {
  it.each([
    ['A=|', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A=|\nB=2', 'A={{ RUNPOD_SECRET_hf-token }}\nB=2'],
    ['A={|', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A=hf|', 'A={{ RUNPOD_SECRET_hf-token }}'],
    ['A="|"', 'A="{{ RUNPOD_SECRET_hf-token }}"'],
    ['export A = |', 'export A = {{ RUNPOD_SECRET_hf-token }}'],
  ])('%s', (src, expected) => {
    expect(accept(src)).toBe(expected);
  });
  it('items are references filtered by name', () => {
    const { text, offset } = cursor('A=|');
    const item = complete(text, offset, 'runpod-env', fresh)!.items[0]!;
    expect(item).toMatchObject({ kind: 'reference', insertText: '{{ RUNPOD_SECRET_hf-token }}' });
  });
  it('offers nothing in keys, comments, or after ordinary text with blanks', () => {
    for (const src of ['A|=1', '# A=|', 'A=two words|', 'A="x" |']) {
      const { text, offset } = cursor(src);
      expect(complete(text, offset, 'runpod-env', fresh), src).toBeUndefined();
    }
  });
});

describe('completion and the catalog state', () => {
  it('no items while the list is unknown and empty', () => {
    const { text, offset } = cursor('A={{ RUNPOD_SECRET_|');
    expect(complete(text, offset, 'runpod-env', unknown)).toBeUndefined();
  });
  it('a stale list still completes', () => {
    expect(accept('A={{ RUNPOD_SECRET_|', 'hf-token', { ...fresh, state: 'stale' })).toBe('A={{ RUNPOD_SECRET_hf-token }}');
  });
});

import { describe, expect, it } from 'vitest';
import { complete, type SecretCatalog } from '../../server/src/template';
import type { CompletionTrigger } from '../../server/src/template/complete';
import { applyEdit, cursor } from './cursor';
import { fresh, unknown } from './types';

/** Completes at `|`, accepts the item for `name`, returns the resulting document. */
function accept(src: string, name = 'hf-token', catalog: SecretCatalog = fresh, kind: 'runpod-env' | 'dotenv' = 'runpod-env', trigger: CompletionTrigger = 'invoked'): string {
  const { text, offset } = cursor(src);
  const r = complete(text, offset, kind, catalog, undefined, trigger);
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
  it.each([
    ['several lines', 'Server key\nrotated monthly'],
    ['one line past the detail width', `Server key ${'x'.repeat(130)}`],
  ])('a description of %s is shown once, whole, in the documentation; no detail repeats its start', (_, description) => {
    const catalog = { ...fresh, secrets: [{ name: 'tls-key', description, createdAt: '2026-09-01T12:00:00Z' }] };
    const item = complete('A={{ RUNPOD_SECRET_', 19, 'runpod-env', catalog)!.items[0]!;
    expect(item.detail).toBeUndefined();
    expect(item.documentation).toContain('Server key');
    expect(item.documentation).toContain(description.slice(-10));
  });
  it('a name typed without the prefix is filtered by name and gets the prefix on accept', () => {
    const { text, offset } = cursor('A={{ hf|');
    const r = complete(text, offset, 'runpod-env', fresh)!;
    expect(text.slice(r.replace.start, r.replace.end)).toBe('hf');
    expect(r.items.find((i) => i.label === 'hf-token')).toMatchObject({ filterText: 'hf-token', insertText: 'RUNPOD_SECRET_hf-token }}' });
  });
  it("a name the account holds that a new name could not start with (`2fa_seed`, made before RunPod's rule) completes when typed without the prefix, as the diagnostics accept it", () => {
    const catalog = { ...fresh, secrets: [...fresh.secrets, { name: '2fa_seed' }, { name: 'RUNPOD_KEY' }] };
    expect(accept('A={{ 2f|', '2fa_seed', catalog)).toBe('A={{ RUNPOD_SECRET_2fa_seed }}');
    expect(accept('A={{ RUNPOD_K|', 'RUNPOD_KEY', catalog)).toBe('A={{ RUNPOD_SECRET_RUNPOD_KEY }}');
    // Still nothing for a start no name of the account has.
    const { text, offset } = cursor('A={{ 9x|');
    expect(complete(text, offset, 'runpod-env', catalog)).toBeUndefined();
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

describe('completion at a plain value: references only when asked for (Ctrl+Space), then narrowed as typed', () => {
  const many: SecretCatalog = { ...fresh, secrets: Array.from({ length: 325 }, (_, i) => ({ name: `svc-${i}-token` })).concat(fresh.secrets) };
  const at = (src: string, trigger: CompletionTrigger, catalog: SecretCatalog = fresh) => {
    const { text, offset } = cursor(src);
    return complete(text, offset, 'runpod-env', catalog, undefined, trigger);
  };
  // `invoked` at a partial value may be VS Code's quick suggestions as a word is typed (on in `.env`
  // files, whose values are no strings): as dangerous as a trigger character.
  it.each(['WORKERS=2|', 'MODE=tok|', 'A=hf|', 'export A = hf|', 'A="tok|"'])('%s while typing or quick-suggesting: no list, so Enter inserts a newline', (src) => {
    for (const trigger of ['typing', 'invoked'] as const) {
      expect(at(src, trigger), trigger).toBeUndefined();
      expect(at(src, trigger, many), trigger).toBeUndefined();
    }
  });
  it.each([
    ['WORKERS=svc-2|', 'svc-2-token', 'WORKERS={{ RUNPOD_SECRET_svc-2-token }}'],
    ['A=hf|', 'hf-token', 'A={{ RUNPOD_SECRET_hf-token }}'],
  ])('%s narrowing the list Ctrl+Space opened: references, the ones holding what is typed', (src, name, expected) => {
    expect(at(src, 'narrowing', many)!.items.map((i) => i.label)).toContain(name);
    expect(accept(src, name, many, 'runpod-env', 'narrowing')).toBe(expected);
  });
  it.each([fresh, many])('right after = while typing: no list, so KEY= and Enter keeps an empty value', (catalog) => {
    expect(at('WORKERS=|', 'typing', catalog)).toBeUndefined();
    expect(at('WORKERS = |', 'typing', catalog)).toBeUndefined();
  });
  it.each(['A={|', 'A={{ RUNPOD_SECRET_hf|', 'A={{ hf|', 'A={{ |'])('%s while typing: a reference being written still completes', (src) => {
    expect(at(src, 'typing')!.items.map((i) => i.label)).toContain('hf-token');
  });
  it('Ctrl+Space right after = filters by name as before', () => {
    expect(at('A=|', 'invoked')!.items.find((i) => i.label === 'hf-token')!.filterText).toBe('hf-token');
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

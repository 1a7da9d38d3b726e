import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, codeActions } from '../../server/src/template';
import { applyEdit, marked } from './cursor';
import { fresh, unknown } from './types';

function actionsAt(src: string, catalog = fresh) {
  const { text, spans } = marked(src);
  return { text, spans, actions: codeActions(text, spans[0]!, 'runpod-env', catalog) };
}

describe('code actions', () => {
  it('unknown secret: replace with the suggestion (preferred) and create the secret', () => {
    const { text, actions } = actionsAt('A={{ RUNPOD_SECRET_hf-t⟦⟧okn }}');
    expect(actions.map((a) => a.title)).toEqual(['Replace with `hf-token`', 'Create secret `hf-tokn`...']);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(applyEdit(text, actions[0]!.edits![0]!.span, actions[0]!.edits![0]!.newText)).toBe('A={{ RUNPOD_SECRET_hf-token }}');
    expect(actions[1]!.command).toEqual({ command: 'runpod.secrets.create', name: 'hf-tokn' });
    expect(actions[0]!.fixes!.map((p) => p.code)).toEqual(['unknown-secret']);
  });
  it('unknown secret without a close name: only create', () => {
    const { actions } = actionsAt('A={{ RUNPOD_SECRET_op⟦⟧enai }}');
    expect(actions.map((a) => a.command)).toEqual([{ command: 'runpod.secrets.create', name: 'openai' }]);
  });
  it('normalises a non-canonical reference', () => {
    const { text, actions } = actionsAt('A={{RUNPOD_SECRET_⟦⟧hf-token}}');
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ isPreferred: true, kind: 'quickfix' });
    expect(applyEdit(text, actions[0]!.edits![0]!.span, actions[0]!.edits![0]!.newText)).toBe('A={{ RUNPOD_SECRET_hf-token }}');
  });
  it('normalises a misspelled prefix', () => {
    const { text, actions } = actionsAt('A=x{{ RUNPOD_SECRETS_⟦⟧hf-token }}y');
    const fix = actions.find((a) => a.edits)!;
    expect(applyEdit(text, fix.edits![0]!.span, fix.edits![0]!.newText)).toBe('A=x{{ RUNPOD_SECRET_hf-token }}y');
  });
  it('moves a hard-coded credential into a secret with the value span and a suggested name', () => {
    // No secret of the list is the suggested name (credential-existing-secret.test.ts covers one that is).
    const { text, spans, actions } = actionsAt('HF_READ_TOKEN="⟦hf_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zQ⟧"');
    expect(actions).toEqual([
      expect.objectContaining({
        title: 'Move value into a RunPod secret...',
        command: { command: 'runpod.secrets.createFromValue', span: spans[0], suggestedName: 'hf_read_token' },
        isPreferred: true,
      }),
    ]);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).not.toContain('"');
  });
  it('the command the move runs has one name: the palette (and keybindings) title is the quick fix title', () => {
    const { actions } = actionsAt('HF_READ_TOKEN="⟦hf_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zQ⟧"');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const contributed = pkg.contributes.commands.find((c: { command: string }) => c.command === actions[0]!.command!.command);
    expect(contributed.title).toBe(actions[0]!.title);
  });
  it('nothing away from problems, and no create action while the list is unknown', () => {
    expect(actionsAt('⟦⟧A={{ RUNPOD_SECRET_nope }}').actions).toEqual([]);
    expect(actionsAt('A={{ RUNPOD_SECRET_no⟦⟧pe }}', unknown).actions).toEqual([]);
  });
  it('reuses a given analysis', () => {
    const text = 'A={{ RUNPOD_SECRET_nope }}';
    const analysis = analyze(text, 'runpod-env', fresh);
    expect(codeActions(text, { start: 20, end: 20 }, 'runpod-env', fresh, analysis)).toEqual(codeActions(text, { start: 20, end: 20 }, 'runpod-env', fresh));
  });
});

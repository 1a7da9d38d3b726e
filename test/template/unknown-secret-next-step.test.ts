/**
 * unknown-secret's next step: with a close name it is "Did you mean"; without one it is creating the
 * secret, named as the editor's palette and the command line name it (the same message reaches both).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { CREATE_SECRET_PALETTE, ROTATE_SECRET_PALETTE } from '../../server/src/template/nextSteps';
import { fresh, stale } from './types';

function unknownSecret(text: string, catalog = fresh) {
  return analyze(text, 'runpod-env', catalog).problems.find((p) => p.code === 'unknown-secret')!;
}

describe('unknown-secret: what to do next', () => {
  it('without a close name: create it, in the editor or with runpod-check', () => {
    const p = unknownSecret('A={{ RUNPOD_SECRET_openai }}');
    expect(p.message).toMatch(/ Create it \(RunPod: Create Secret\.\.\. in the editor, `runpod-check secrets create openai` on the command line\)\.$/);
  });
  it('with a close name: "Did you mean" alone, no second step', () => {
    const p = unknownSecret('A={{ RUNPOD_SECRET_hf-tokn }}');
    expect(p.message).toContain('Did you mean `hf-token`?');
    expect(p.message).not.toContain('Create it');
  });
  // A stale list may lack a secret created since: creating it again would make a duplicate.
  it('from a stale list: no create step', () => {
    expect(unknownSecret('A={{ RUNPOD_SECRET_openai }}', stale).message).not.toContain('Create it');
  });
  it("the palette titles the messages name are package.json's", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, `${c.category}: ${c.title}`]));
    expect(titles['runpod.secrets.create']).toBe(CREATE_SECRET_PALETTE);
    expect(titles['runpod.secrets.rotate']).toBe(ROTATE_SECRET_PALETTE);
  });
});

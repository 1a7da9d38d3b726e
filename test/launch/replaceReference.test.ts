import { describe, expect, it } from 'vitest';
import { checkEnv, describeReport, secretActions, type EnvSource } from '../../client/src/launch/checks';
import { mergeEnv } from '../../client/src/launch/plan';
import { applyReplacement, planReplacement, renameInValue, suggestedReplacements } from '../../client/src/launch/replaceReference';

const templateText = '{\n  "name": "t",\n  "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-tokn }}", "DB": "{{ RUNPOD_SECRET_db }}" }\n}';
const envText = 'HF_HUB_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\nBOTH={{ RUNPOD_SECRET_hf-tokn }}:{{ RUNPOD_SECRET_hf-tokn }}\nPLAIN=1\n';
const sources: EnvSource[] = [
  { id: 'file:///w/t.runpod.json', label: 't.runpod.json', text: templateText, kind: 'runpod-json' },
  { id: 'file:///w/runpod.env', label: 'runpod.env', text: envText, kind: 'runpod-env' },
];
const env = mergeEnv(
  { HF_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}', DB: '{{ RUNPOD_SECRET_db }}' },
  { HF_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}', BOTH: '{{ RUNPOD_SECRET_hf-tokn }}:{{ RUNPOD_SECRET_hf-tokn }}', PLAIN: '1' },
);
const names = ['hf-token', 'openai-key'];
const textOf = (id: string) => sources.find((s) => s.id === id)?.text;

describe('the checks suggest a close known name for an unknown secret', () => {
  it('carries the suggestion on the finding (none when nothing is close) and locates each repeated reference', () => {
    const report = checkEnv(env, names, sources);
    expect(report.blocking.map((b) => [b.key, b.name, b.suggestion])).toEqual([
      ['HF_TOKEN', 'hf-tokn', 'hf-token'],
      ['DB', 'db', undefined],
      ['HF_HUB_TOKEN', 'hf-tokn', 'hf-token'],
      ['BOTH', 'hf-tokn', 'hf-token'],
      ['BOTH', 'hf-tokn', 'hf-token'],
    ]);
    const both = report.blocking.filter((b) => b.key === 'BOTH').map((b) => b.location!.offset);
    expect(both).toEqual([envText.indexOf('{{', envText.indexOf('BOTH')), envText.lastIndexOf('{{')]);
    expect(suggestedReplacements(report)).toEqual([{ from: 'hf-tokn', to: 'hf-token' }]);
    expect(describeReport(report, 'the Pod')[0]).toMatch(/unknown secret "hf-tokn".*Did you mean "hf-token"\?$/);
    expect(describeReport(report, 'the Pod')[1]).not.toContain('Did you mean');
  });

  it('offers Replace before Create for a suggested name, within the button limit', () => {
    const report = checkEnv({ X: '{{ RUNPOD_SECRET_hf-tokn }}' }, names);
    expect(secretActions(report, () => true, 3).map((a) => a.label)).toEqual(['Replace with hf-token', 'Create secret hf-tokn']);
    expect(secretActions(report, () => false, 3).map((a) => a.label)).toEqual(['Create secret hf-tokn']);
    const two = checkEnv(env, names, sources);
    expect(secretActions(two, () => true, 3).map((a) => a.label)).toEqual(['Replace hf-tokn with hf-token', 'Create secret hf-tokn', 'Create secret db']);
    expect(secretActions(two, () => true, 2)).toHaveLength(2);
  });
});

describe('planReplacement', () => {
  it('renames every located reference to the name, in the JSON template and the env file', () => {
    const report = checkEnv(env, names, sources);
    const replacement = planReplacement(report, 'hf-tokn', 'hf-token', textOf)!;
    expect(replacement.keys).toEqual(['HF_TOKEN', 'HF_HUB_TOKEN', 'BOTH']);
    expect(replacement.edits).toHaveLength(4);
    const after = applyReplacement(env, sources, replacement);
    expect(after.sources[0]!.text).toBe(templateText.replace('hf-tokn', 'hf-token'));
    expect(after.sources[1]!.text).toBe(envText.replaceAll('hf-tokn', 'hf-token'));
    expect(after.env).toEqual({
      HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}',
      DB: '{{ RUNPOD_SECRET_db }}',
      HF_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-token }}',
      BOTH: '{{ RUNPOD_SECRET_hf-token }}:{{ RUNPOD_SECRET_hf-token }}',
      PLAIN: '1',
    });
    // Checked again, the name is resolved and its findings are gone.
    expect(checkEnv(after.env, names, after.sources).blocking.map((b) => b.name)).toEqual(['db']);
  });

  it('offers nothing when a reference has no file (account template) or the file no longer reads so there', () => {
    const fromAccount = checkEnv({ HF: '{{ RUNPOD_SECRET_hf-tokn }}' }, names, []);
    expect(planReplacement(fromAccount, 'hf-tokn', 'hf-token', textOf)).toBeUndefined();
    const report = checkEnv(env, names, sources);
    const edited = (id: string) => (id === sources[1]!.id ? `# a new first line\n${envText}` : textOf(id));
    expect(planReplacement(report, 'hf-tokn', 'hf-token', edited)).toBeUndefined();
    expect(planReplacement(report, 'nope', 'hf-token', textOf)).toBeUndefined();
  });

  it('renames only canonical references in a value, as the checks flag only those as unknown', () => {
    expect(renameInValue('{{RUNPOD_SECRET_a}} {{ RUNPOD_SECRET_a }} {{ RUNPOD_SECRET_ab }}', 'a', 'b')).toBe('{{RUNPOD_SECRET_a}} {{ RUNPOD_SECRET_b }} {{ RUNPOD_SECRET_ab }}');
  });
});

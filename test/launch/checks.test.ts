import { describe, expect, it } from 'vitest';
import { checkEnv, describeReport, isClear, missingSecretNames, type EnvSource } from '../../client/src/launch/checks';
import { mergeEnv } from '../../client/src/launch/plan';
import { analyze } from '../../server/src/template/index';

const envFile = 'HF={{ RUNPOD_SECRET_hf-token }}\nWANDB={{ RUNPOD_SECRET_wandb }}\nBAD={{ RUNPOD_SECRET_ }}\n';
const templateFile = '{\n  "name": "t",\n  "env": { "DB": "{{ RUNPOD_SECRET_db }}", "WANDB": "{{ RUNPOD_SECRET_old }}" }\n}';
const sources: EnvSource[] = [
  { id: 'file:///t.runpod.json', label: 't.runpod.json', text: templateFile, kind: 'runpod-json' },
  { id: 'file:///x.runpod.env', label: 'x.runpod.env', text: envFile, kind: 'runpod-env' },
];
const env = mergeEnv({ DB: '{{ RUNPOD_SECRET_db }}', WANDB: '{{ RUNPOD_SECRET_old }}' }, { HF: '{{ RUNPOD_SECRET_hf-token }}', WANDB: '{{ RUNPOD_SECRET_wandb }}', BAD: '{{ RUNPOD_SECRET_ }}' });

describe('checkEnv', () => {
  it('blocks on unknown and malformed references and points at the file that decides the key', () => {
    const report = checkEnv(env, ['hf-token'], sources);
    expect(isClear(report)).toBe(false);
    expect(report.blocking.map((b) => [b.key, b.name, b.reason])).toEqual([
      ['DB', 'db', 'unknown'],
      ['WANDB', 'wandb', 'unknown'],
      ['BAD', '', 'malformed'],
    ]);
    const wandb = report.blocking.find((b) => b.key === 'WANDB')!;
    // The env file overrides the template's WANDB: the finding points into the env file.
    expect(wandb.location).toEqual({ sourceId: 'file:///x.runpod.env', offset: envFile.indexOf('{{ RUNPOD_SECRET_wandb') });
    const db = report.blocking.find((b) => b.key === 'DB')!;
    expect(db.location).toEqual({ sourceId: 'file:///t.runpod.json', offset: templateFile.indexOf('{{ RUNPOD_SECRET_db') });
    expect(missingSecretNames(report)).toEqual(['db', 'wandb']);
  });

  it('is clear once every referenced secret exists', () => {
    const report = checkEnv(mergeEnv(env, { BAD: 'x' }), ['hf-token', 'db', 'wandb'], sources);
    expect(isClear(report)).toBe(true);
    expect(report.blocking).toEqual([]);
  });

  it('blocks a key the request sends outside the env-key rule, in the diagnostic\'s words, at the key, never showing it', () => {
    const PASSWORD = 'Vx7Nq2Kp9Lm4Tz';
    const bad = `pw:${PASSWORD}`;
    const text = `{ "env": { "OK": "1", "${bad}": "2", "HF-HOME": "3" } }`;
    const source: EnvSource = { id: 'file:///h.runpod.json', label: 'h.runpod.json', text, kind: 'runpod-json' };
    const report = checkEnv({ OK: '1', [bad]: '2', 'HF-HOME': '3' }, [], [source]);
    expect(isClear(report)).toBe(false);
    const diagnostics = analyze(text, 'runpod-json', { state: 'unknown', secrets: [] }).problems.filter((p) => p.code === 'invalid-key');
    expect(report.invalidKeys).toEqual(diagnostics.map((d) => ({ key: text.slice(d.span.start, d.span.end), message: d.message, location: { sourceId: source.id, offset: d.span.start } })));
    const lines = describeReport(report, 'the Pod', () => 'h.runpod.json');
    expect(lines).toEqual(diagnostics.map((d) => `A variable name (h.runpod.json): ${d.message}`));
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('judges only the keys the request sends: a template\'s own keys are RunPod\'s already', () => {
    const env = { 'HF-HOME': '/hf', A: '1' };
    expect(isClear(checkEnv(env, [], [], { A: '1' }))).toBe(true);
    expect(checkEnv(env, [], [], { 'HF-HOME': '/x' }).invalidKeys).toHaveLength(1);
  });

  it('blocks more than 50 variables', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`V${i}`, 'x']));
    const report = checkEnv(many, []);
    expect(report.tooMany).toEqual({ count: 51 });
    expect(isClear(report)).toBe(false);
    expect(isClear(checkEnv(Object.fromEntries(Object.entries(many).slice(0, 50)), []))).toBe(true);
  });

  it("warns of a secret named for another environment than the one launched, as cross-environment-secret does in the file: a warning, located, never for the environment's own", () => {
    // prod's template file references dev's password (Problems says so; the launch once went ahead silently).
    const text = '{\n  "env": { "DB_PASSWORD": "{{ RUNPOD_SECRET_db_password_dev }}", "HF": "{{ RUNPOD_SECRET_prod-hf-token }}", "URL": "pg://u:{{ RUNPOD_SECRET_dev-pw }}@db" }\n}';
    const env = { DB_PASSWORD: '{{ RUNPOD_SECRET_db_password_dev }}', HF: '{{ RUNPOD_SECRET_prod-hf-token }}', URL: 'pg://u:{{ RUNPOD_SECRET_dev-pw }}@db' };
    const names = ['db_password_dev', 'prod-hf-token', 'dev-pw'];
    const source: EnvSource = { id: 'p', label: 'train.prod.runpod.json', text, kind: 'runpod-json' };
    const prod = { name: 'prod', environments: ['dev', 'prod'] };
    const report = checkEnv(env, names, [source], env, { environment: prod });
    expect(report.crossing?.map((x) => [x.key, x.name, x.marked])).toEqual([['DB_PASSWORD', 'db_password_dev', ['dev']], ['URL', 'dev-pw', ['dev']]]);
    expect(report.crossing![0]!.location).toEqual({ sourceId: 'p', offset: text.indexOf('{{ RUNPOD_SECRET_db_password_dev') });
    expect(isClear(report)).toBe(true); // a warning the user may launch past, as a plain credential is
    expect(describeReport(report, 'the Pod', () => 'train.prod.runpod.json')).toContain(`DB_PASSWORD: secret "db_password_dev" is named for dev (train.prod.runpod.json); the Pod would boot with dev's secret.`);
    // Launched as dev, prod's token is the one that crosses; with no environment known, nothing is said.
    expect(checkEnv(env, names, [source], env, { environment: { ...prod, name: 'dev' } }).crossing?.map((x) => x.name)).toEqual(['prod-hf-token']);
    expect(checkEnv(env, names, [source]).crossing).toBeUndefined();
  });

  it('reports credentials in plain text by key, without their value, located in the file', () => {
    const token = 'hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z';
    const text = `HF_TOKEN=${token}\nMODEL=llama\n`;
    const report = checkEnv({ HF_TOKEN: token, MODEL: 'llama' }, [], [{ id: 'u', label: 'a.runpod.env', text, kind: 'runpod-env' }]);
    expect(report.credentials.map((c) => c.key)).toEqual(['HF_TOKEN']);
    expect(report.credentials[0]!.location).toEqual({ sourceId: 'u', offset: text.indexOf(token) });
    expect(isClear(report)).toBe(true); // a warning, not a block
    const lines = describeReport(report, 'the Pod', () => 'a.runpod.env').join('\n');
    expect(lines).toMatch(/HF_TOKEN: looks like a Hugging Face token in plain text \(a\.runpod\.env\)/);
    expect(JSON.stringify(report) + lines).not.toContain(token);
  });

  // The env was once written out as env-file text for the credential rule, which left out every key
  // such a file cannot hold: a JSON template's "api key" or "1TOKEN" went unchecked.
  it('checks credentials under any key a JSON template or account template can hold', () => {
    const token = 'hf_Qm7vXk2RtB9wLp4ZcN8sJd3FyH6gTa5Ue1';
    const report = checkEnv({ 'api key': token, '1TOKEN': `"${token}"\n`, PLAIN: 'x' }, []);
    expect(report.credentials.map((c) => c.key)).toEqual(['api key', '1TOKEN']);
  });

  it('locates findings in a JSON template file with escapes before the reference, through the core reader', () => {
    const text = '{ "env": { "A": "\\"quoted\\" {{ RUNPOD_SECRET_missing }}" } }';
    const report = checkEnv({ A: '"quoted" {{ RUNPOD_SECRET_missing }}' }, [], [{ id: 'j', label: 't.runpod.json', text, kind: 'runpod-json' }]);
    expect(report.blocking[0]!.location).toEqual({ sourceId: 'j', offset: text.indexOf('{{') });
  });
});

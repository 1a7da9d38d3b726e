/**
 * runpod.environments: the workspace's value read through the one settings module, and the
 * manifest's schema agreeing with the core's rules (what VS Code validates in settings.json is what
 * the extension keeps), plus the Compare Environments contributions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../client/src/config';
import { isEnvironmentName } from '../../server/src/template/environments';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const schema = pkg.contributes.configuration.properties['runpod.environments'];

const settings = (environments: unknown) =>
  readSettings({ get: <T>(key: string) => (key === 'environments' ? environments : undefined) as T, inspect: () => ({}) });

describe('runpod.environments', () => {
  it('is read from workspace settings (resource scope): a repository describes its own environments', () => {
    expect(schema.scope).toBe('resource');
    expect(settings({ prod: { files: 'deploy/prod/*.env', account: 'team' } }).environments).toEqual([{ name: 'prod', files: ['deploy/prod/*.env'], account: 'team' }]);
  });

  it('an account field that is not an account name (a pasted key) is not kept: the environment is marked to be refused, and the reason never repeats it', () => {
    const key = 'rpa_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123';
    const s = settings({ prod: { files: 'p.env', account: key } });
    expect(s.environments).toEqual([{ name: 'prod', files: ['p.env'], invalidAccount: true }]);
    expect(JSON.stringify(s.environments)).not.toContain(key);
    expect(s.environmentProblems.join(' ')).not.toContain(key);
  });

  it("the schema's name pattern is the core's environment name rule", () => {
    const pattern = new RegExp(schema.propertyNames.pattern);
    for (const name of ['dev', 'prod', 'eu-west', 'qa_2', 'x'.repeat(32), 'x'.repeat(33), '2dev', 'a.b', 'a/b', '', '-x']) {
      expect(pattern.test(name), name).toBe(isEnvironmentName(name));
    }
  });

  it("the schema's account pattern keeps keys and URLs out", () => {
    const account = new RegExp(schema.additionalProperties.anyOf[2].properties.account.pattern);
    expect(['team', 'personal-2', 'Prod_1'].every((n) => account.test(n))).toBe(true);
    expect(['rpa_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123', 'https://x', 'a b', ''].some((n) => account.test(n))).toBe(false);
  });
});

describe('Compare Environments contributions', () => {
  it('in the palette as "RunPod: Compare Environments" and in the title bar of RunPod env files', () => {
    const command = pkg.contributes.commands.find((c: { command: string }) => c.command === 'runpod.compareEnvironments');
    expect(`${command.category}: ${command.title}`).toBe('RunPod: Compare Environments');
    expect(pkg.contributes.menus['editor/title']).toContainEqual(expect.objectContaining({ command: 'runpod.compareEnvironments', when: 'resourceLangId == runpod-env' }));
  });
});

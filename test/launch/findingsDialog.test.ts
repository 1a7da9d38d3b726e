/** The findings dialog of Launch Pod against the stand-in for VS Code: which buttons it offers, and what Replace does to the file. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('../extension-ui/vscodeFake'));

import { checkEnv, type EnvSource } from '../../client/src/launch/checks';
import { checksUi, showFindings } from '../../client/src/launch/ui/findings';
import { runChecks } from '../../client/src/launch/launchPlanRunner';
import { EnvFileRefused } from '../../client/src/launch/fileRefusal';
import { fake, FakeDocument, Uri, whenRecorded, window } from '../extension-ui/vscodeFake';

const uri = 'file:///w/runpod.env';
const text = 'HF_HUB_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\nOTHER={{ RUNPOD_SECRET_hf-tokn }}\n';
const sources: EnvSource[] = [{ id: uri, label: 'runpod.env', text, kind: 'runpod-env' }];
const report = () => checkEnv({ HF_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}', OTHER: '{{ RUNPOD_SECRET_hf-tokn }}' }, ['hf-token'], sources);

/** Answers the dialog with `answer` and returns the buttons it offered. */
function answerDialog(answer: string | undefined): { buttons: string[] } {
  const seen = { buttons: [] as string[] };
  vi.spyOn(window, 'showWarningMessage').mockImplementationOnce(async (_text: string, ...rest: unknown[]) => {
    seen.buttons = rest.filter((r): r is string => typeof r === 'string');
    return answer;
  });
  return seen;
}

let doc: FakeDocument;
beforeEach(() => {
  fake.reset();
  vi.restoreAllMocks();
  doc = new FakeDocument(Uri.parse(uri), text);
  fake.documents.set(Uri.parse(uri).toString(), doc);
});

describe('the Launch Pod findings dialog', () => {
  it('offers Replace with the close known name beside Create; Replace renames every reference in the file in one edit and re-checks', async () => {
    const seen = answerDialog('Replace with hf-token');
    const decision = await showFindings(report(), sources, 'launch');
    expect(seen.buttons).toEqual(['Replace with hf-token', 'Create secret hf-tokn', 'Open file']);
    expect(fake.appliedEdits).toHaveLength(1);
    expect(doc.text).toBe(text.replaceAll('hf-tokn', 'hf-token'));
    expect(decision).toMatchObject({ kind: 'replaced', replacement: { from: 'hf-tokn', to: 'hf-token', keys: ['HF_HUB_TOKEN', 'OTHER'] } });
  });

  it('offers no Replace when the file changed since the checks read it, nor for Push Template', async () => {
    doc.text = `# edited meanwhile\n${text}`;
    const seen = answerDialog(undefined);
    expect(await showFindings(report(), sources, 'launch')).toBe('cancel');
    expect(seen.buttons).toEqual(['Create secret hf-tokn', 'Open file']);
    doc.text = text;
    const push = answerDialog(undefined);
    await showFindings(report(), sources, 'push');
    expect(push.buttons).toEqual(['Create secret hf-tokn', 'Open file']);
    expect(fake.appliedEdits).toEqual([]);
  });
});

describe('a Replace whose re-read of the file is refused', () => {
  it('ends the checks with the refusal and, as every refusal of what a file holds, "Open file" at its line; nothing is created', async () => {
    // It ended as "Launch checks failed: ..." with Show Log only: the line to fix was not offered.
    const services = { store: { refresh: async () => undefined }, accounts: { active: 'default', names: ['default'] }, log: { error: vi.fn() } } as unknown as Parameters<typeof checksUi>[0];
    const api = { listSecrets: async () => [{ name: 'hf-token' }] } as unknown as Parameters<typeof checksUi>[1];
    const refused = new EnvFileRefused('runpod.env', uri, 'line 2: Not a valid variable name', text.replaceAll('hf-tokn', 'hf-token').indexOf('OTHER'));
    answerDialog('Replace with hf-token');
    fake.dialogAnswers.push('Open file');
    const ui = checksUi(services, api, sources, 'launch', async () => {
      throw refused;
    });
    const env = { HF_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}', OTHER: '{{ RUNPOD_SECRET_hf-tokn }}' };
    expect((await runChecks(env, sources, ui)).kind).toBe('blocked');
    await whenRecorded(() => fake.editorsShown.length > 0, 'Open file');
    expect(fake.messages.filter((m) => m.level === 'error')).toEqual([{ level: 'error', text: 'Not launching: runpod.env: line 2: Not a valid variable name', buttons: ['Open file'] }]);
    expect(fake.editorsShown).toEqual([{ uri, line: 1, character: 0 }]);
  });
});

describe('too many variables', () => {
  it('names what would boot with them: the Pod for Launch Pod, the workers for Deploy Endpoint, in the words of the command line', async () => {
    const many = checkEnv(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`V${i}`, 'x'])), []);
    const details: string[] = [];
    vi.spyOn(window, 'showWarningMessage').mockImplementation(async (_text: string, options: unknown) => void details.push((options as { detail: string }).detail));
    for (const verb of ['launch', 'deploy', 'update'] as const) expect(await showFindings(many, [], verb)).toBe('cancel');
    expect(details).toEqual([
      'RunPod allows at most 50 environment variables for the Pod; this env has 51.',
      'RunPod allows at most 50 environment variables for the workers; this env has 51.',
      'RunPod allows at most 50 environment variables for the workers; this env has 51.',
    ]);
  });

  it("a secret of another environment is a warning: the message says so, with Launch anyway and Open file", async () => {
    const env = { DB_PASSWORD: '{{ RUNPOD_SECRET_db_password_dev }}' };
    const crossing = checkEnv(env, ['db_password_dev'], [{ id: uri, label: 'runpod.env', text: 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n', kind: 'runpod-env' }], env, { environment: { name: 'prod', environments: ['dev', 'prod'] } });
    let message = '';
    vi.spyOn(window, 'showWarningMessage').mockImplementationOnce(async (text: string, ...rest: unknown[]) => {
      message = text;
      expect(rest.filter((r) => typeof r === 'string')).toEqual(['Open file', 'Launch anyway']);
      return 'Launch anyway';
    });
    expect(await showFindings(crossing, [], 'launch')).toBe('proceed');
    expect(message).toBe('1 secret named for another environment: the Pod would boot with it.');
  });
});


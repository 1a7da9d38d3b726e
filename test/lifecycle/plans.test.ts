/** The pure decisions of Rename and Rotate Secret. */
import { describe, expect, it } from 'vitest';
import { renameInEnv, renameReport, templatePatches } from '../../client/src/secrets/renamePlan';
import { impactLines, recheckRestart, restartSummary, rotationImpact, stillOnOldValue } from '../../client/src/secrets/rotatePlan';
import { accountUsesOf, type AccountUse } from '../../client/src/secrets/accountUsages';
import type { Pod, Template } from '../../client/src/runpod/types';
import { podActionLabel, type Operation } from '../../client/src/runpod/messages';
import { errorFromResponse } from '../../client/src/runpod/errors';
import { failureWording } from '../../client/src/views/errorText';
import { Wording } from '../../client/src/runpod/wording';
import { plainName } from '../../client/src/ui/plainName';

describe('renameInEnv', () => {
  it('changes only the name of each reference, keeping how it is written, and only exact names', () => {
    const { env, changed } = renameInEnv(
      {
        A: '{{ RUNPOD_SECRET_hf }}',
        B: '{{RUNPOD_SECRET_hf}}',
        C: 'u:{{ RUNPOD_SECRET_hf }}@{{ RUNPOD_SECRET_hf }}',
        D: '{{ RUNPOD_SECRET_hf2 }} MY_RUNPOD_SECRET_hf',
        E: 'plain',
      },
      'hf',
      'hf-new',
    );
    expect(env).toEqual({
      A: '{{ RUNPOD_SECRET_hf-new }}',
      B: '{{RUNPOD_SECRET_hf-new}}',
      C: 'u:{{ RUNPOD_SECRET_hf-new }}@{{ RUNPOD_SECRET_hf-new }}',
      D: '{{ RUNPOD_SECRET_hf2 }} MY_RUNPOD_SECRET_hf',
      E: 'plain',
    });
    expect(changed).toEqual(['A', 'B', 'C']);
  });

  it('keeps an env var named __proto__ as a key: renamed when it references the secret, kept when not (a PATCH without it would remove it from the template)', () => {
    const renamed = renameInEnv(JSON.parse('{"__proto__":"{{ RUNPOD_SECRET_hf }}","A":"x"}') as Record<string, unknown>, 'hf', 'hf-new');
    expect(JSON.stringify(renamed.env)).toBe('{"__proto__":"{{ RUNPOD_SECRET_hf-new }}","A":"x"}');
    expect(renamed.changed).toEqual(['__proto__']);
    const kept = renameInEnv(JSON.parse('{"__proto__":"plain","A":"{{ RUNPOD_SECRET_hf }}"}') as Record<string, unknown>, 'hf', 'hf-new');
    expect(JSON.stringify(kept.env)).toBe('{"__proto__":"plain","A":"{{ RUNPOD_SECRET_hf-new }}"}');
  });

  it('templatePatches leaves untouched templates out and summarises by key, never by value', () => {
    const templates: Template[] = [
      { id: 't1', name: 'uses', image: 'i', env: { TOKEN: '{{ RUNPOD_SECRET_hf }}', KEEP: 'sk-hardcoded-value' } },
      { id: 't2', name: 'other', image: 'i', env: { TOKEN: '{{ RUNPOD_SECRET_other }}' } },
    ];
    const patches = templatePatches(templates, 'hf', 'hf-new');
    expect(patches.map((p) => [p.template.id, p.summary])).toEqual([['t1', 'env: TOKEN (secret hf -> secret hf-new)']]);
    expect(patches[0]!.env).toEqual({ TOKEN: '{{ RUNPOD_SECRET_hf-new }}', KEEP: 'sk-hardcoded-value' });
    expect(patches[0]!.summary).not.toContain('sk-hardcoded');
  });
});

describe('renameReport', () => {
  const base = { from: 'a', to: 'b', created: true };
  it('complete: one line', () => {
    const r = renameReport({ ...base, workspace: { kind: 'applied', edits: 3, files: 2 }, templates: { updated: ['t'], failed: [], skipped: [] }, old: { kind: 'deleted' } });
    expect(r).toMatchObject({ complete: true, message: 'Renamed a to b.' });
    expect(r.detail).toContain('Renamed 3 references in 2 workspace files (one undoable edit).');
  });

  it("files of another account the server left out are said, in the one-line message too (the summary of a complete rename shows no detail)", () => {
    const leftOut = "2 files of account prod were left as they are: there the name is another account's secret.";
    const r = renameReport({ ...base, workspace: { kind: 'applied', edits: 3, files: 2, leftOut }, templates: { updated: [], failed: [], skipped: [] }, old: { kind: 'deleted' } });
    expect(r).toMatchObject({ complete: true, message: `Renamed a to b. ${leftOut}` });
    expect(r.detail).toContain(`  • ${leftOut}`);
  });

  it('a workspace edit that may not be whole never reads as a whole rename, even with every other step done', () => {
    const incomplete = 'The workspace index is still being built: there may be more files. Wait until it is built, then run it again.';
    const r = renameReport({ ...base, workspace: { kind: 'applied', edits: 3, files: 2, incomplete }, templates: { updated: ['t'], failed: [], skipped: [] }, old: { kind: 'kept', reason: 'see above.' } });
    expect(r).toMatchObject({ complete: false, message: 'Renamed a to b in part: see what is left.' });
    expect(r.detail).toContain(`  • Workspace files may still reference a. ${incomplete}`);
    const none = renameReport({ ...base, workspace: { kind: 'none', incomplete }, templates: { updated: [], failed: [], skipped: [] }, old: { kind: 'kept', reason: 'see above.' } });
    expect(none.detail).toContain('No file the workspace index holds referenced the old name.');
    expect(none.detail).not.toContain('No workspace file referenced the old name.');
  });

  it('stopped midway: what was done and what is left', () => {
    const r = renameReport({ ...base, workspace: { kind: 'none' }, cancelledAt: 'updating account templates' });
    expect(r.complete).toBe(false);
    expect(r.message).toBe('Renamed a to b in part (stopped at: updating account templates): see what is left.');
    expect(r.detail).toBe(
      [
        'Done:',
        '  • Created secret b with the new value.',
        '  • No workspace file referenced the old name.',
        'Left to do:',
        '  • Account templates: not checked yet.',
        '  • The old secret a still exists; delete it once nothing uses it.',
        'Next:',
        '  • Continue Rename runs Rename Secret on a again with b filled in: it continues into b (its value not changed) and offers what is left, then deletes a once nothing uses it.',
      ].join('\n'),
    );
  });

  it('changes left unticked in the refactor preview are left to do', () => {
    const r = renameReport({ ...base, workspace: { kind: 'applied', edits: 2, files: 1, skipped: 3 }, templates: { updated: [], failed: [], skipped: [] }, old: { kind: 'kept', reason: '1 workspace file still references it.' } });
    expect(r.complete).toBe(false);
    expect(r.detail).toContain('Renamed 2 references in 1 workspace file (one undoable edit).');
    expect(r.detail).toContain('3 references to a left as they were in the preview.');
  });

  it('nothing created: nothing changed', () => {
    expect(renameReport({ ...base, created: false }).message).toBe('Nothing was changed: b was not created.');
  });

  it('templates that could not be listed: none was changed, said once and plainly (no pseudo-template name)', () => {
    const r = renameReport({ ...base, workspace: { kind: 'none' }, templates: { updated: [], failed: [], skipped: [], unlisted: 'RunPod had a server error (500).' }, old: { kind: 'kept', reason: 'the account could not be checked.' } });
    expect(r.complete).toBe(false);
    expect(r.detail).toContain('  • Account templates could not be listed, so none was changed: RunPod had a server error (500).');
    expect(r.detail).not.toContain('Template ');
  });

  it('continued into an existing secret: says it was not created and its value not changed', () => {
    const r = renameReport({ ...base, resumed: true, workspace: { kind: 'none' }, templates: { updated: [], failed: [], skipped: [] }, old: { kind: 'deleted' } });
    expect(r).toMatchObject({ complete: true, message: 'Renamed a to b.' });
    expect(r.detail).toContain('Continued into the existing secret b (its value not changed).');
    expect(r.detail).not.toContain('Created');
  });

  it('an old secret already deleted elsewhere is not "kept": the rename is complete, and says why', () => {
    const r = renameReport({ ...base, workspace: { kind: 'none' }, templates: { updated: [], failed: [], skipped: [] }, old: { kind: 'gone' } });
    expect(r).toMatchObject({ complete: true, message: 'Renamed a to b. The old secret a was already gone (deleted elsewhere), so the rename is complete.', actions: [] });
    expect(r.detail).toContain('  • The old secret a was already gone (deleted elsewhere): nothing was left to delete.');
    expect(r.detail).not.toMatch(/Kept|Left to do/);
  });

  it('failures and skips are left to do', () => {
    const r = renameReport({ ...base, workspace: { kind: 'declined' }, templates: { updated: [], failed: [{ name: 't1', reason: 'forbidden' }], skipped: ['t2'] }, old: { kind: 'kept', reason: 'workspace files may still reference it.' } });
    expect(r.detail).toContain('Workspace files still reference a: the edit was not applied.');
    expect(r.detail).toContain('Template t1 still references a: forbidden');
    expect(r.detail).toContain('Template t2 still references a (not updated).');
    expect(r.detail).toContain('Kept the old secret a: workspace files may still reference it.');
  });
});

describe('renameReport: how to finish, with the buttons that do it', () => {
  const base = { from: 'hf-token', to: 'hf-read-token', created: true, workspace: { kind: 'applied' as const, edits: 5, files: 5 } };
  const use = (kind: AccountUse['kind'], name: string, extra: Partial<AccountUse> = {}): AccountUse => ({ kind, id: `${name}-id`, name, keys: ['K'], notSubstituted: [], ...extra });
  const allUpdated = { updated: ['tpl'], failed: [], skipped: [] };
  const stillUsed = (...uses: AccountUse[]) => ({ kind: 'kept' as const, reason: 'still used by them.', uses });

  it('an endpoint still using the old secret: its env is changed by Update Env on it (a button for that endpoint), then Delete Secret once nothing uses it', () => {
    const r = renameReport({ ...base, templates: allUpdated, old: stillUsed(use('endpoint', 'sd-endpoint')) });
    expect(r.detail.split('\n').slice(-3)).toEqual([
      'Next:',
      '  • endpoint "sd-endpoint": change its env to name hf-read-token with Update Env from File… on it in the Endpoints view.',
      '  • Then delete hf-token with Delete Secret once nothing uses it (it lists what still does, and asks you to type the name).',
    ]);
    expect(r.actions).toEqual([
      { title: 'Update Endpoint Env…', command: 'runpod.endpoints.updateEnv', args: [{ endpointId: 'sd-endpoint-id' }] },
      { title: 'Delete Secret hf-token…', command: 'runpod.secrets.delete', args: ['hf-token'] },
    ]);
  });

  it('a Pod launched without a template is not told to use "the updated template": a new one whose env names the new secret', () => {
    const r = renameReport({ ...base, templates: allUpdated, old: stillUsed(use('pod', 'scratch', { status: 'RUNNING' })) });
    expect(r.detail).toContain(
      '  • Pod "scratch" (RUNNING): a Pod keeps the env it was created with, so a restart still reads hf-token: it was launched without a template, so launch a new one with \'RunPod: Launch Pod...\' and an env that names hf-read-token, then terminate it.',
    );
    expect(r.detail).not.toContain('updated template');
  });

  it('Pods keep the env they were created with: recreated from the updated template, not restarted; several endpoints: the button asks which', () => {
    const r = renameReport({ ...base, templates: allUpdated, old: stillUsed(use('pod', 'train-1', { status: 'RUNNING', fromTemplate: true }), use('endpoint', 'a'), use('endpoint', 'b')) });
    expect(r.detail).toContain(
      '  • Pod "train-1" (RUNNING): a Pod keeps the env it was created with, so a restart still reads hf-token: launch a new one from the updated template, then terminate it.',
    );
    expect(r.detail).toContain('  • endpoint "a", endpoint "b": change their env to name hf-read-token with Update Env from File… on each in the Endpoints view.');
    expect(r.actions.map((a) => [a.title, a.args])).toEqual([
      ['Update Endpoint Env…', []],
      ['Delete Secret hf-token…', ['hf-token']],
    ]);
  });

  it('templates not updated (declined, failed) or references left in files: Continue Rename runs the rename again into the new secret, which offers what is left', () => {
    for (const p of [
      { ...base, templates: { updated: [], failed: [], skipped: ['tpl'] } },
      { ...base, templates: { updated: [], failed: [{ name: 'tpl', reason: 'forbidden' }], skipped: [] } },
      { ...base, workspace: { kind: 'declined' as const } },
      { ...base, cancelledAt: 'updating account templates' },
    ]) {
      const r = renameReport({ ...p, old: { kind: 'kept', reason: 'see above.' } });
      expect(r.detail).toContain('  • Continue Rename runs Rename Secret on hf-token again with hf-read-token filled in: it continues into hf-read-token (its value not changed) and offers what is left, then deletes hf-token once nothing uses it.');
      expect(r.actions).toEqual([{ title: 'Continue Rename…', command: 'runpod.secrets.rename', args: [{ name: 'hf-token', to: 'hf-read-token' }] }]);
    }
  });

  it('every button runs a command the extension contributes', async () => {
    const { readFileSync } = await import('node:fs');
    const contributed = new Set((JSON.parse(readFileSync('package.json', 'utf8')).contributes.commands as { command: string }[]).map((c) => c.command));
    const reports = [
      renameReport({ ...base, templates: allUpdated, old: stillUsed(use('endpoint', 'e'), use('pod', 'p')) }),
      renameReport({ ...base, workspace: { kind: 'declined' } }),
    ];
    const commands = reports.flatMap((r) => r.actions.map((a) => a.command));
    expect(new Set(commands)).toEqual(new Set(['runpod.endpoints.updateEnv', 'runpod.secrets.delete', 'runpod.secrets.rename']));
    for (const command of commands) expect(contributed).toContain(command);
  });

  it('a whole rename, or nothing created: no next step and no button', () => {
    expect(renameReport({ ...base, templates: allUpdated, old: { kind: 'deleted' } }).actions).toEqual([]);
    expect(renameReport({ ...base, created: false }).actions).toEqual([]);
  });
});

describe('rotationImpact', () => {
  const use = (kind: AccountUse['kind'], name: string, extra: Partial<AccountUse> = {}): AccountUse => ({ kind, id: name, name, keys: ['K'], notSubstituted: [], ...extra });
  it('running Pods to restart, booting ones to restart later, the rest at their next boot; unsubstituted references need nothing', () => {
    const impact = rotationImpact([
      use('pod', 'run', { status: 'RUNNING', boot: 'active', restartable: true }),
      use('pod', 'boot', { status: 'STARTING', boot: 'active', restartable: false }),
      use('pod', 'stop', { status: 'EXITED', boot: 'stopped' }),
      use('template', 'tpl'),
      use('endpoint', 'ep'),
      use('pod', 'spaced', { status: 'RUNNING', boot: 'active', restartable: true, notSubstituted: ['K'] }),
    ]);
    expect(impact.restart.map((u) => u.name)).toEqual(['run']);
    expect(impact.booting.map((u) => u.name)).toEqual(['boot']);
    expect(impact.nextBoot.map((u) => u.name)).toEqual(['stop', 'tpl', 'ep']);
    expect(impactLines(impact)).toEqual([
      'Still on the old value until they restart: Pod "run" (RUNNING).',
      'Not restartable now (may have read the old value; restart once running): Pod "boot" (STARTING).',
      'Template "tpl" picks up the new value when its Pods next boot.',
      'Pod "stop" (EXITED) picks up the new value when it next boots.',
      'Endpoint "ep" picks up the new value when its workers next boot.',
    ]);
  });

  it('several of a kind that pick the new value up by themselves are one line, in the plural', () => {
    const impact = rotationImpact([use('template', 'a'), use('endpoint', 'e1'), use('template', 'b'), use('endpoint', 'e2'), use('pod', 's1', { status: 'EXITED', boot: 'stopped' }), use('pod', 's2', { status: 'EXITED', boot: 'stopped' })]);
    expect(impactLines(impact)).toEqual([
      'Templates "a", "b" pick up the new value when their Pods next boot.',
      'Pods "s1" (EXITED), "s2" (EXITED) pick up the new value when they next boot.',
      'Endpoints "e1", "e2" pick up the new value when their workers next boot.',
    ]);
  });

  it('a Pod in a status RunPod added later may hold the old value: restart offered by its actions, never "next boot"', () => {
    const env = { K: '{{ RUNPOD_SECRET_hf }}' };
    const pods = [
      { id: 'r', name: 'restarting', status: 'RESTARTING', actions: ['stop', 'restart'], env },
      { id: 'm', name: 'migrating', status: 'MIGRATING', actions: [], env },
    ] as unknown as Pod[];
    const impact = rotationImpact(accountUsesOf({ template: { items: [] }, pod: { items: pods } }, 'hf').uses);
    expect(impact.restart.map((u) => u.name)).toEqual(['restarting']);
    expect(impact.booting.map((u) => u.name)).toEqual(['migrating']);
    expect(impact.nextBoot).toEqual([]);
  });

  it('stillOnOldValue names the Pods a restart left on the old value, and nothing when all restarted', () => {
    const results = [{ id: '1', name: 'a', ok: true }, { id: '2', name: 'b', ok: false }, { id: '3', name: 'c', ok: false }];
    expect(stillOnOldValue(results, 'hf-token')).toBe('Still on the old value of hf-token until restarted: Pod "b", Pod "c".');
    expect(stillOnOldValue(results.slice(0, 1), 'hf-token')).toBeUndefined();
  });

  it('stillOnOldValue tells a Pod whose restart may have gone through (RunPod may have acted) from one refused', () => {
    const results = [{ id: '2', name: 'b', ok: false }, { id: '3', name: 'c', ok: false, mayHaveRestarted: true }, { id: '4', name: 'd', ok: false, mayHaveRestarted: true }];
    expect(stillOnOldValue(results, 'hf-token')).toBe(
      'Still on the old value of hf-token until restarted: Pod "b".\nPerhaps still on the old value of hf-token (their restarts may have gone through): Pod "c", Pod "d".',
    );
    expect(restartSummary(results.slice(1, 2)).failures).toEqual(['Pod c (3) may not have restarted: no cause given']);
  });

  it('restartSummary counts and lists the failures, naming each Pod once', () => {
    expect(restartSummary([{ id: '1', name: 'a', ok: true }, { id: '2', name: 'b', ok: false, error: Wording.of('conflict') }])).toEqual({
      message: 'Restarted 1 of 2 Pods.',
      failures: ['Pod b (2) did not restart: conflict'],
      allOk: false,
    });
  });

  it('a failed restart names the Pod once, and beside a Retry Restart button (which lists the Pods again) does not also say to refresh the Pods', () => {
    // As rotate.ts makes a failure: the client's error for its restart by id, in its parts, made plain.
    const restart: Operation = { label: podActionLabel('restart', '2'), resource: 'pods', action: 'pod-action', target: '2' };
    const answered = (status: number) =>
      errorFromResponse({ op: restart, status, bodyText: '', redact: (t) => t, headers: {}, baseUrl: 'https://rest.runpod.io/v1', isWrite: true, surface: 'editor' });
    const results = [
      { id: '2', name: 'b', ok: false, error: failureWording(answered(409)).map(plainName) },
      { id: '2', name: 'c', ok: false, error: failureWording(answered(503)).map(plainName) },
    ];
    expect(results.every((r) => r.error.text().includes('restart pod `2`'))).toBe(true);
    expect(restartSummary(results).failures).toEqual([
      "Pod b (2) did not restart: The pod cannot do that in its current state (409). To see its state and its allowed actions, run 'RunPod: Refresh Pods'.",
      "Pod c (2) did not restart: RunPod had a server error (503). It may or may not have taken effect: run 'RunPod: Refresh Pods' to check before trying again.",
    ]);
    expect(restartSummary(results, { retryOffered: true }).failures).toEqual([
      'Pod b (2) did not restart: The pod cannot do that in its current state (409).',
      'Pod c (2) did not restart: RunPod had a server error (503). It may or may not have taken effect.',
    ]);
  });
});

describe('recheckRestart: the reminder\'s restart, judged on the Pods as they are when it is clicked', () => {
  const planned = (name: string): AccountUse => ({ kind: 'pod', id: name, name, keys: ['K'], notSubstituted: [], status: 'RUNNING', boot: 'active', restartable: true });
  const pod = (name: string, status: Pod['status'], env: Record<string, string> = { K: '{{ RUNPOD_SECRET_hf-token }}' }): Pod => ({
    id: name, name, image: 'i', status, actions: status === 'RUNNING' ? ['stop', 'restart'] : status === 'EXITED' ? ['start'] : [], cloud: 'SECURE', env, createdAt: '2026-12-05T19:55:37Z',
  });
  it('restarts only the planned Pods still running on the secret; the stopped, restarted, gone and edited ones are named, not failed', () => {
    const { restart, lines } = recheckRestart(
      ['run', 'stopped', 'booting', 'terminated', 'removed', 'edited'].map(planned),
      [pod('run', 'RUNNING'), pod('stopped', 'EXITED'), pod('booting', 'STARTING'), pod('terminated', 'TERMINATED'), pod('edited', 'RUNNING', { K: 'plain' }), pod('new', 'RUNNING')],
      'hf-token',
    );
    expect(restart.map((u) => u.id)).toEqual(['run']);
    expect(lines).toEqual([
      'Stopped since; they get the new value at their next start: Pod "stopped" (EXITED).',
      'Restarted since; they boot with the new value: Pod "booting" (STARTING).',
      'No longer on the account: Pod "terminated", Pod "removed".',
      'No longer reference hf-token: Pod "edited".',
    ]);
  });
  it('a planned Pod now in a status RunPod added later, not restartable: named as possibly on the old value, not "stopped since"', () => {
    const odd = { ...pod('odd', 'RUNNING'), status: 'MIGRATING', actions: ['stop'] } as unknown as Pod;
    expect(recheckRestart([planned('odd')], [odd], 'hf-token')).toEqual({
      restart: [],
      lines: ['Not restartable now (may still have the old value; restart once running): Pod "odd" (MIGRATING).'],
    });
  });
  it('all still running: all restarted, nothing to say', () => {
    expect(recheckRestart([planned('a'), planned('b')], [pod('a', 'RUNNING'), pod('b', 'RUNNING')], 'hf-token')).toMatchObject({ restart: [{ id: 'a' }, { id: 'b' }], lines: [] });
  });
  it('a running Pod started after the value changed (a restart that failed for us went through) is named restarted since, not restarted', () => {
    const changed = '2026-12-06T10:00:00.500Z';
    const started = (startedAt: unknown): Pod => ({ ...pod('p', 'RUNNING'), startedAt } as Pod);
    const after = recheckRestart([planned('p')], [started('2026-12-06T10:00:01Z')], 'hf-token', changed);
    expect(after).toEqual({ restart: [], lines: ['Restarted since; they boot with the new value: Pod "p" (RUNNING).'] });
    // Not later, or not known to be: restarted (a Pod left on the old value is the worse mistake).
    for (const startedAt of ['2026-12-06T10:00:00Z', '2026-12-06T10:00:00.500Z', '2026-12-06T09:59:59Z', null, undefined, 'soon', ['2026-12-07T00:00:00Z'], 1e15]) {
      expect(recheckRestart([planned('p')], [started(startedAt)], 'hf-token', changed).restart.map((u) => u.id)).toEqual(['p']);
    }
    // No time of the change (or none that names an instant): nothing proves a Pod restarted since.
    for (const unknown of [null, undefined, '', 'yesterday']) {
      expect(recheckRestart([planned('p')], [started('2026-12-06T10:00:01Z')], 'hf-token', unknown).restart.map((u) => u.id)).toEqual(['p']);
    }
    // Another zone names the same instant: 11:00:01+01:00 is 10:00:01Z, after the change.
    expect(recheckRestart([planned('p')], [started('2026-12-06T11:00:01+01:00')], 'hf-token', changed).restart).toEqual([]);
  });

  it('started in the same second as the change (RunPod and the fake give whole seconds): restarted since only when this editor restarted the Pod itself', () => {
    const changed = '2026-12-06T10:00:00Z';
    const started = (startedAt: string): Pod => ({ ...pod('p', 'RUNNING'), startedAt }) as Pod;
    const again = (startedAt: string, restartedByEditor?: ReadonlySet<string>) => recheckRestart([planned('p')], [started(startedAt)], 'hf-token', changed, restartedByEditor).restart.map((u) => u.id);
    // No record: the Pod may have booted before the change within that second, on the old value.
    expect(again('2026-12-06T10:00:00Z')).toEqual(['p']);
    expect(again('2026-12-06T10:00:00Z', new Set(['other']))).toEqual(['p']);
    // RunPod accepted this editor's restart of it after the change: that second's boot is the restart's.
    expect(again('2026-12-06T10:00:00Z', new Set(['p']))).toEqual([]);
    // A date to the second names that whole second: .5 of it is not known to come before or after.
    expect(recheckRestart([planned('p')], [started('2026-12-06T10:00:00.500Z')], 'hf-token', changed, new Set(['p'])).restart).toEqual([]);
    expect(recheckRestart([planned('p')], [started('2026-12-06T10:00:00.500Z')], 'hf-token', changed).restart.map((u) => u.id)).toEqual(['p']);
    // The record never makes an earlier start a later one.
    expect(again('2026-12-06T09:59:59Z', new Set(['p']))).toEqual(['p']);
  });
});

/** The pure decisions of Rename and Rotate Secret. */
import { describe, expect, it } from 'vitest';
import { renameInEnv, renameReport, templatePatches } from '../../client/src/secrets/renamePlan';
import { impactLines, restartSummary, rotationImpact, stillOnOldValue } from '../../client/src/secrets/rotatePlan';
import type { AccountUse } from '../../client/src/secrets/accountUsages';
import type { Template } from '../../client/src/runpod/types';

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

  it('templatePatches leaves untouched templates out and summarises by key, never by value', () => {
    const templates: Template[] = [
      { id: 't1', name: 'uses', image: 'i', env: { TOKEN: '{{ RUNPOD_SECRET_hf }}', KEEP: 'sk-hardcoded-value' } },
      { id: 't2', name: 'other', image: 'i', env: { TOKEN: '{{ RUNPOD_SECRET_other }}' } },
    ];
    const patches = templatePatches(templates, 'hf', 'hf-new');
    expect(patches.map((p) => [p.template.id, p.summary])).toEqual([['t1', 'env: ~TOKEN']]);
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

  it('failures and skips are left to do', () => {
    const r = renameReport({ ...base, workspace: { kind: 'declined' }, templates: { updated: [], failed: [{ name: 't1', reason: 'forbidden' }], skipped: ['t2'] }, old: { kind: 'kept', reason: 'workspace files may still reference it.' } });
    expect(r.detail).toContain('Workspace files still reference a: the edit was not applied.');
    expect(r.detail).toContain('Template t1 still references a: forbidden');
    expect(r.detail).toContain('Template t2 still references a (not updated).');
    expect(r.detail).toContain('Kept the old secret a: workspace files may still reference it.');
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
      'Booting now (may have read the old value; restart once running): Pod "boot" (STARTING).',
      'Pick up the new value at their next boot: Pod "stop" (EXITED), template "tpl", endpoint "ep".',
    ]);
  });

  it('stillOnOldValue names the Pods a restart left on the old value, and nothing when all restarted', () => {
    const results = [{ id: '1', name: 'a', ok: true }, { id: '2', name: 'b', ok: false }, { id: '3', name: 'c', ok: false }];
    expect(stillOnOldValue(results, 'hf-token')).toBe('Still on the old value of hf-token until restarted: Pod "b", Pod "c".');
    expect(stillOnOldValue(results.slice(0, 1), 'hf-token')).toBeUndefined();
  });

  it('restartSummary counts and lists the failures', () => {
    expect(restartSummary([{ id: '1', name: 'a', ok: true }, { id: '2', name: 'b', ok: false, error: 'conflict' }])).toEqual({
      message: 'Restarted 1 of 2 Pods.',
      failures: ['Pod "b" (2): conflict'],
      allOk: false,
    });
  });
});

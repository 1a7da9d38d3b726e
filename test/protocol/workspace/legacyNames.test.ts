/**
 * A secret made before RunPod's name rule changed (a leading digit: `2fa_seed`) is still a secret of
 * the account, and RunPod still substitutes it. Every place that takes the name of an EXISTING secret
 * reads it by its characters (names.ts hasSecretNameCharsOnly); only a NEW name must pass the whole rule
 * (validateSecretName). Before, the index left such references out of "where used" and the rename
 * request refused to rename away from such a name, after the extension had created the new secret.
 */
import { describe, expect, it } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { editsByUri, usages, useIndexedWorkspace } from './helpers';

const LEGACY = '2fa_seed';
const WITH_LEGACY = { ...FRESH, secrets: [...FRESH.secrets, { name: LEGACY, createdAt: '2023-01-01T00:00:00Z' }] };

describe('a secret whose name predates the name rule', () => {
  const session = useIndexedWorkspace(
    { 'a.runpod.env': `A={{ RUNPOD_SECRET_${LEGACY} }}\n`, 'b.runpod.json': `{ "env": { "B": "{{ RUNPOD_SECRET_${LEGACY} }}" } }\n` },
    { initializationOptions: { secrets: WITH_LEGACY } },
  );

  it('is used where it is referenced, and the references rename to a name that passes the rule', async () => {
    const { client } = session;
    expect((await usages(client, { names: [LEGACY] })).usages[LEGACY]).toEqual({ files: 2, references: 2 });
    const edit = (await client.request('runpod/renameSecret', { from: LEGACY, to: 'two_fa_seed' })) as WorkspaceEdit | null;
    expect(edit).not.toBeNull();
    expect([...editsByUri(edit!).values()].flat().map((e) => e.newText)).toEqual(['two_fa_seed', 'two_fa_seed']);
  });

  it('a new name must still pass the whole rule', async () => {
    expect(await session.client.request('runpod/renameSecret', { from: LEGACY, to: '3fa_seed' })).toBeNull();
    expect(await session.client.request('runpod/renameSecret', { from: LEGACY, to: 'RUNPOD_x' })).toBeNull();
  });
});

/**
 * A settings change walks again and reads each file by the new settings: a file whose kind they
 * change is read again as its new kind even when it is unchanged on disk (its stamp is the same).
 * Declaring `envs/prod.env` for an environment makes VS Code's dotenv file a RunPod env file
 * (environments/files.ts declaredOrNamedKind), and the index must judge it so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../server/src/lsp/settings';
import { TempWorkspace } from '../protocol/workspace/helpers';

describe('a settings change that changes what kind a file is', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.dispose());

  it('reads the unchanged file again as its new kind, and back', async () => {
    ws = new TempWorkspace({ 'envs/prod.env': 'A={{ RUNPOD_SECRET_one }}\n' });
    let settings: ServerSettings = DEFAULT_SETTINGS;
    const store = new IndexStore();
    const indexer = new Indexer({ store, folderSettings: () => Promise.resolve(settings), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined });
    await indexer.setFolders([ws.uri]);
    const path = ws.path('envs/prod.env');
    expect(store.get(path)?.kind).toBe('dotenv');
    settings = { ...DEFAULT_SETTINGS, environments: [{ name: 'prod', files: ['envs/prod.env'] }] };
    await indexer.settingsChanged();
    expect(store.get(path)?.kind).toBe('runpod-env');
    settings = DEFAULT_SETTINGS;
    await indexer.settingsChanged();
    expect(store.get(path)?.kind).toBe('dotenv');
    indexer.dispose();
  });
});

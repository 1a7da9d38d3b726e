/**
 * File names a repository may hold: spaces, `#`, `%`, `@`, non-ASCII. The index keys files by their
 * decoded path, so the file found on disk and the same file opened by an editor that encodes its URI
 * another way are one entry (counted once, renamed once), and the URIs it answers with name the file.
 */
import { describe, expect, it } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { editsByUri, usages, useIndexedWorkspace } from './helpers';

const NAME = 'dir with space/ünï #1 %41@x.runpod.env';

describe('file names that need encoding', () => {
  const session = useIndexedWorkspace({ [NAME]: 'A={{ RUNPOD_SECRET_odd }}\n' }, { initializationOptions: { secrets: FRESH } });

  it('answers with a URI that decodes to the file, and counts it once when opened under another encoding', async () => {
    const { ws, client } = session;
    const located = (await usages(client, { names: ['odd'], withLocations: true })).usages['odd']!;
    expect(located.files).toBe(1);
    expect(decodeURIComponent(new URL(located.locations![0]!.uri).pathname)).toBe(ws.path(NAME));
    // An editor that leaves `@` and the non-ASCII letters unencoded (as some do).
    const loose = `file://${ws.path(NAME).split('/').map((s) => s.replace(/ /g, '%20').replace(/#/g, '%23').replace(/%(?!20|23)/g, '%25')).join('/')}`;
    expect(loose).not.toBe(located.locations![0]!.uri);
    await client.open(loose, 'runpod-env', 'A={{ RUNPOD_SECRET_odd }}\nB={{ RUNPOD_SECRET_odd }}\n');
    expect((await usages(client, { names: ['odd'] })).usages['odd']).toEqual({ files: 1, references: 2 });
    const edit = (await client.request('runpod/renameSecret', { from: 'odd', to: 'even' })) as WorkspaceEdit;
    expect([...editsByUri(edit).keys()]).toEqual([loose]);
    await client.close(loose);
  });

  it('a hostile workspace/symbol query (a megabyte) is answered, with nothing', async () => {
    expect(await session.client.workspaceSymbols('x'.repeat(1_000_000))).toEqual([]);
  });
});

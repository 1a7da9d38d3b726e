/**
 * A RunPod file whose name is not UTF-8 (`x\xff.runpod.env`): no open by the name a listing gives
 * reaches it. Both walks (the server thread's walkFolder and the worker's, dist/indexWalker.js) only
 * ask whether it is a RunPod file, to say its folder is unread; neither collects it nor tries to
 * read it (the worker read it and handed over a failed read as if it were a file of the index).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderRules, walkFolder } from '../../server/src/index/walk';
import { ensureServerBuilt } from '../protocol/lspClient';
import { TempWorkspace } from '../protocol/workspace/helpers';
import { threadWalked } from './threadWalked';

let ws: TempWorkspace;
beforeAll(() => {
  ensureServerBuilt();
  ws = new TempWorkspace({ 'odd/good.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n' });
  writeFileSync(Buffer.concat([Buffer.from(ws.path('odd/x')), Buffer.from([0xff]), Buffer.from('.runpod.env')]), 'A={{ RUNPOD_SECRET_hf }}\n');
  mkdirSync(ws.path('plain'));
});
afterAll(() => ws.dispose());

describe('a RunPod file named in bytes that are not UTF-8', () => {
  it('the walk asks about it, never collects it, and says its folder is unread for its name', async () => {
    const asked: string[] = [];
    const collected: string[] = [];
    const kindOf = (path: string): true | undefined => {
      asked.push(path);
      return path.endsWith('.runpod.env') ? true : undefined;
    };
    const walked = await walkFolder(new FolderRules(ws.root), kindOf, 1000, async () => undefined, undefined, (path) => collected.push(path));
    expect(asked.some((p) => p.includes('\uFFFD'))).toBe(true);
    expect(collected).toEqual([ws.path('odd/good.runpod.env')]);
    expect(walked.files).toEqual(collected);
    expect(walked.undecodable).toEqual([ws.path('odd')]);
    expect(walked.unlisted).toEqual([ws.path('odd')]);
  });

  it("the walk thread never reads it: no entry for it, the folder said unread with reason 'undecodable-name'", async () => {
    const { files, end } = await threadWalked(ws);
    expect(files.map((f) => [f.path, f.read?.ok])).toEqual([[ws.path('odd/good.runpod.env'), true]]);
    expect(end).toMatchObject({ unlisted: [ws.path('odd')], undecodable: [ws.path('odd')] });
  });
});

/**
 * The worker of walkThread.ts (bundled alone as dist/indexWalker.js, so it starts in milliseconds):
 * walks one workspace folder as walk.ts does and reads each RunPod file as readFile.ts does, and
 * posts the files in batches, each folder's as soon as it is listed. Never more than
 * BATCHES_IN_FLIGHT batches ahead of the thread that analyses them.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { indexedFileKind } from '../template/environments/files';
import type { DocumentKind } from '../template/types';
import { readIndexedFile } from './readFile';
import { FolderRules, walkFolder } from './walk';
import { ACK, BATCHES_IN_FLIGHT, type WalkedFile, type WalkerData, type WalkMessage } from './walkThread';

/** A batch is posted once it holds this many files or this much text. */
const BATCH_FILES = 64;
const BATCH_CHARS = 1 << 20;

const port = parentPort!;
// The walk comes by message, not workerData: a thread started ahead of its walk (walkThread.ts
// WalkerThread) is loaded and waiting when the server asks.
let request!: WalkerData['request'];
let batches!: MessagePort;
let credit = BATCHES_IN_FLIGHT;
let waiting: (() => void) | undefined;
port.on('message', (message: unknown) => {
  if (!request && typeof message === 'object' && message !== null) {
    ({ request, batches } = message as WalkerData);
    void main();
    return;
  }
  if (message !== ACK) return;
  credit++;
  const wake = waiting;
  waiting = undefined;
  wake?.();
});

function post(message: WalkMessage): void {
  port.postMessage(message);
}

let batch: WalkedFile[] = [];
let batchChars = 0;
let read = 0;

async function send(): Promise<void> {
  if (batch.length === 0) return;
  while (credit <= 0) await new Promise<void>((resolve) => (waiting = resolve));
  credit--;
  // The batch on its own port, taken when the server's thread wants it (walkThread.ts ThreadWalk); then the notice.
  batches.postMessage(batch);
  post({ type: 'files' });
  batch = [];
  batchChars = 0;
}

/** Files found in the folder listed last, read when the walk moves on. */
const found: { path: string; kind: DocumentKind }[] = [];

async function readFound(): Promise<void> {
  for (const { path, kind } of found) {
    if (read >= request.maxFiles) {
      batch.push({ path, kind });
    } else {
      read++;
      const file = readIndexedFile(path, request.maxBytes);
      batch.push({ path, kind, read: file });
      if (file.ok) batchChars += file.text.length;
    }
    if (batch.length >= BATCH_FILES || batchChars >= BATCH_CHARS) await send();
  }
  found.length = 0;
}

async function main(): Promise<void> {
  const rules = new FolderRules(request.root, request.folders, true);
  const kindOf = (path: string): DocumentKind | undefined => indexedFileKind(path, request.globs, request.environments, request.folder);
  const collect = (path: string, kind: DocumentKind): void => void found.push({ path, kind });
  const { files: _, ...end } = await walkFolder(rules, kindOf, request.maxEntries, readFound, undefined, collect);
  await readFound();
  await send();
  post({ type: 'done', ...end, ignores: rules.sources() });
}


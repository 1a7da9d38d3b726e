/**
 * The first walk of a workspace folder in a second thread: a worker (walkWorker.ts, bundled as
 * dist/indexWalker.js) lists the folders and reads the RunPod files, and hands the texts over in
 * batches while this thread reads them with the core. Listing folders and reading files is most
 * of what ripgrep does on both cores, and took a third of the cold index on one (BENCHMARKS.md);
 * the core's readers stay in this thread, whose compiled code every later analysis reuses (a
 * second thread reading them would compile them again: slower on two cores, measured).
 *
 * Bounded like the walk it replaces: the same entry and file caps, each file read up to the
 * analysis limit, and at most {@link BATCHES_IN_FLIGHT} batches read ahead of this thread.
 * Nothing but paths, kinds, texts and stamps crosses between the threads; a worker that fails
 * makes the walk throw, and the indexer walks in this thread instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { EnvironmentDeclaration } from '../template/environments/declarations';
import type { DocumentKind } from '../template/types';
import type { IndexedRead } from './readFile';
import type { WalkResult } from './walk';

/**
 * The worker's bundle beside the server's own (dist/indexWalker.js), when there is a second core
 * to run it on; undefined otherwise (then the index walks in the server's thread).
 */
export function walkWorkerScript(dir = __dirname): string | undefined {
  const script = join(dir, 'indexWalker.js');
  return availableParallelism() > 1 && existsSync(script) ? script : undefined;
}

/** What the worker is asked to walk. */
export interface WalkRequest {
  /** The folder's path (decoded, `/` separators). */
  root: string;
  /** The paths of the window's workspace folders: the ones below `root` are skipped (walk.ts FolderRules). */
  folders: readonly string[];
  /** The folder's `runpod.files` globs. */
  globs: readonly string[];
  /** The folder's `runpod.environments`: the files they declare are read whatever their names. */
  environments: readonly EnvironmentDeclaration[];
  /** The folder's URI, as its settings carry it (lsp/settings.ts): `runpod.files` match the path below it. */
  folder: string | undefined;
  maxEntries: number;
  /** Files read at most; the ones found after are listed without their text. */
  maxFiles: number;
  /** Bytes read of a file at most. */
  maxBytes: number;
}

export interface WalkedFile {
  path: string;
  kind: DocumentKind;
  /** Undefined past `maxFiles`. */
  read?: IndexedRead;
}

/**
 * The worker's first message: the walk, and the port its batches go through (transferred; a batch
 * on it stays serialized, off this thread's heap, until {@link ThreadWalk.next} takes it).
 */
export interface WalkerData {
  request: WalkRequest;
  batches: MessagePort;
}

/** From the worker on its own channel: a batch was posted on the batches port, then the end of the walk (one `done`). */
export type WalkMessage = { type: 'files' } | ({ type: 'done' } & WalkEnd);

/** To the worker: one batch was taken, another may be sent. */
export const ACK = 'ack';

/** Batches the worker may send before this thread has taken them. */
export const BATCHES_IN_FLIGHT = 4;

/** The walk's end: as walkFolder says it (walk.ts WalkResult, but its files, sent in batches), plus the ignore files read on the way. */
export interface WalkEnd extends Omit<WalkResult, 'files'> {
  /** The `.gitignore` files that hold rules, as [folder relative to the root, text] (walk.ts FolderRules.sources). */
  ignores: [string, string][];
}

/**
 * A walk thread, started and loaded, waiting for its walk's {@link WalkerData}. A worker took
 * 94-141 ms from `new Worker` to its first batch (December 2026), which the first walk waited out
 * idle: the server starts one as it loads (earlyWalkThread.ts), and `initialize` hands it to the
 * indexer for the first walk (indexer.ts startWalkThread); later walks start their own.
 */
export class WalkerThread {
  readonly worker: Worker;
  /** Why it failed or ended before a walk took it. */
  private failure: Error | undefined;
  private readonly failed = (error: Error): void => void (this.failure ??= error);
  private readonly exited = (code: number): void => this.failed(exitError(code));

  /** @param script the worker's bundle (dist/indexWalker.js) */
  constructor(script: string) {
    this.worker = new Worker(script);
    // Waiting, it must not hold open a server that never walks; its walk holds it (ThreadWalk).
    this.worker.unref();
    this.worker.on('error', this.failed).on('exit', this.exited);
  }

  /** Hands the thread to its walk, which hears of its failures from now on; returns the failure before, if any. */
  take(): Error | undefined {
    this.worker.off('error', this.failed).off('exit', this.exited);
    return this.failure;
  }
}

function exitError(code: number): Error {
  return new Error(`the index's walk thread stopped (exit code ${code})`);
}

/**
 * A walk running in a worker: {@link next} batches until undefined, then {@link end}.
 *
 * The batches come through a port of their own, taken with receiveMessageOnPort when this thread
 * wants the next one, not as 'message' events: an event decodes its batch on arrival, so the texts
 * of every batch read ahead (up to {@link BATCHES_IN_FLIGHT}) sat in V8's young generation, each
 * scavenge copied them and the next promoted them to die in the old one. On the bench's 5,000 files
 * (BENCHMARKS.md, the workspace index) the server thread's scavenges promoted 23.5 MB, 15 MB with
 * batches taken when wanted: the facts the index keeps (--trace-gc-nvp, December 2026).
 */
export class ThreadWalk {
  private readonly worker: Worker;
  private readonly batches: MessagePort;
  /** Batches posted on {@link batches} and not taken yet. */
  private posted = 0;
  private finished: WalkEnd | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  /** @param thread a thread no walk took yet (a spare waiting since `initialize`, or one started now) */
  constructor(thread: WalkerThread, request: WalkRequest) {
    const { port1, port2 } = new MessageChannel();
    this.batches = port1;
    this.worker = thread.worker;
    this.worker.ref();
    this.worker.on('message', (message: WalkMessage) => {
      if (message.type === 'files') this.posted++;
      else {
        const { type: _, ...end } = message;
        this.finished = end;
      }
      this.notify();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.finished) this.fail(exitError(code));
    });
    const before = thread.take();
    if (before) this.fail(before);
    else this.worker.postMessage({ request, batches: port2 } satisfies WalkerData, [port2]);
  }

  /** The next batch, or undefined once the walk is over. Throws when the worker failed. */
  async next(): Promise<WalkedFile[] | undefined> {
    for (;;) {
      if (this.posted > 0) {
        const batch = receiveMessageOnPort(this.batches)?.message as WalkedFile[] | undefined;
        // Posted on the port before the notice that told of it: there, unless the walk was stopped.
        if (batch) {
          this.posted--;
          this.worker.postMessage(ACK);
          return batch;
        }
      }
      if (this.failure) throw this.failure;
      if (this.finished) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** How the walk ended; defined once {@link next} returned undefined. */
  get end(): WalkEnd | undefined {
    return this.posted === 0 ? this.finished : undefined;
  }

  /** Stops the worker (at the end, or when the walk is abandoned). */
  stop(): void {
    this.finished ??= { truncated: true, ignores: [], unlisted: [], undecodable: [], deep: undefined };
    void this.worker.terminate();
    this.batches.close();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

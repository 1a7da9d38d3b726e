/**
 * The hostile repository through the language server (`dist/server.js --stdio`, as an editor runs
 * it): every document opened as an editor would show it (links followed: an editor opening
 * `runpod.env` shows the credentials it points at), then diagnostics, symbols, and hover,
 * completion and code actions at the start, middle and end of each line of interest. No answer,
 * log or stderr line carries a byte of a planted secret; every request is answered before its
 * deadline (a bound against hangs, not a measure of speed) and the server stays up.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FRESH } from '../protocol/fixtures';
import { LspClient, ensureServerBuilt } from '../protocol/lspClient';
import { buildHostileRepository, type HostileRepository } from './fixture';
import { findLeak } from './leaks';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 120_000 });

const DEADLINE_MS = 60_000;
/** Positions probed per document: line starts and ends, at most this many lines. */
const MAX_LINES_PROBED = 12;

let repo: HostileRepository;
let client: LspClient;

beforeAll(async () => {
  ensureServerBuilt();
  repo = buildHostileRepository();
  client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
});
afterAll(async () => {
  await client?.stop();
  repo?.remove();
});

/** The request's answer, or a failure naming it when it is not answered by the deadline. */
async function within<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([request, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Offsets worth probing: the start and end of the first lines, the middle and the end of the text. */
function probes(text: string): number[] {
  const out = new Set<number>([0, Math.floor(text.length / 2), text.length]);
  let start = 0;
  for (let line = 0; line < MAX_LINES_PROBED && start <= text.length; line++) {
    const end = text.indexOf('\n', start);
    const lineEnd = end < 0 ? text.length : end;
    out.add(start);
    out.add(Math.min(start + 3, lineEnd));
    out.add(lineEnd);
    if (end < 0) break;
    start = end + 1;
  }
  return [...out];
}

describe('the language server over the hostile repository', () => {
  it('answers everything for every document without a byte of a planted secret', async () => {
    const answers: unknown[] = [];
    for (const doc of repo.documents) {
      const uri = pathToFileURL(path.join(repo.root, doc.name)).href;
      await client.open(uri, doc.languageId, doc.text);
      const diagnostics = await within(`diagnostics of ${doc.name}`, client.diagnostics(uri));
      answers.push(diagnostics, await within(`symbols of ${doc.name}`, client.symbols(uri)));
      for (const offset of probes(doc.text)) {
        answers.push(await within(`hover in ${doc.name}`, client.hover(uri, offset)));
        answers.push(await within(`completion in ${doc.name}`, client.completion(uri, offset)));
        const line = client.doc(uri).positionAt(offset).line;
        const here = diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
        answers.push(await within(`code actions in ${doc.name}`, client.codeActions(uri, offset, offset, here)));
      }
      await client.close(uri);
    }
    expect(client.alive).toBe(true);
    const everything = JSON.stringify(answers) + client.logs.join('\n') + client.errorOutput;
    expect(findLeak(everything, repo.planted)).toBeUndefined();
    // Sanity: the documents were read, so silence above means something.
    expect(everything).toContain('missing-equals');
    expect(everything).toContain('hardcoded-credential');
    expect(everything).toContain('nested too deeply');
  });
});

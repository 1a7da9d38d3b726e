/**
 * Keystroke-to-diagnostics latency over a real stdio connection to dist/server.js: type characters
 * into a value in the middle of the file (incremental didChange), immediately ask for diagnostics
 * (textDocument/diagnostic) the way VS Code does, with `previousResultId` set to the last resultId
 * received, and time from sending the change to receiving the answer (a full report, or
 * `unchanged` when the server finds the diagnostics identical to the ones the client holds).
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { fileUri } from '../server/src/index/uris';
import { LspClient } from '../test/protocol/lspClient';
import { BENCH_SECRETS } from './generate';

/**
 * Where the typed file lives. Alone: an untitled-style URI with no workspace. In a group: the file
 * `name` in a workspace folder beside `siblings` (name -> text), indexed before typing starts, so
 * the environment rules judge every keystroke against them.
 */
export interface LatencyPlace {
  name: string;
  siblings: Record<string, string>;
}

export interface LatencyFigures {
  lines: number;
  keystrokes: number;
  p50: number;
  p95: number;
  max: number;
  /** Diagnostics in the last full report. */
  diagnostics: number;
  /** Share of timed keystrokes answered `unchanged` (0..1). */
  unchangedShare: number;
  /** Enter presses timed separately (each answered with a full report), and their p50/p95. */
  enters: number;
  fullP50: number;
  fullP95: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function resultIdOf(report: DocumentDiagnosticReport): string | undefined {
  return (report as { resultId?: string }).resultId;
}

/** Types into `text` (a generated env file of `lines` lines) and times each answer; see the module comment. */
export async function measureLatency(text: string, lines: number, keystrokes: number, warmup = 40, enters = 50, place?: LatencyPlace): Promise<LatencyFigures> {
  const folder = place ? realpathSync(mkdtempSync(join(tmpdir(), 'runpod-bench-group-'))) : undefined;
  if (folder && place) {
    for (const [name, sibling] of Object.entries(place.siblings)) writeFileSync(join(folder, name), sibling);
    writeFileSync(join(folder, place.name), text);
  }
  const secrets = { state: 'fresh', secrets: BENCH_SECRETS };
  const client = await LspClient.start({ initializationOptions: { secrets }, ...(folder ? { workspaceFolders: [fileUri(folder)] } : {}) });
  try {
    if (folder) await waitForIndex(client);
    const uri = folder && place ? fileUri(join(folder, place.name)) : `file:///bench/latency-${lines}.runpod.env`;
    await client.open(uri, 'runpod-env', text);
    const opened = await client.pull(uri);
    let resultId = resultIdOf(opened);
    let diagnostics = opened.kind === 'full' ? opened.items.length : 0;
    // Type at the end of the value on the middle line that holds a plain value.
    const middle = text.indexOf('\nMODEL_NAME_', text.length >> 1);
    let at = text.indexOf('\n', middle + 1);
    const samples: number[] = [];
    let unchanged = 0;
    const typed = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < warmup + keystrokes; i++) {
      const start = process.hrtime.bigint();
      await client.change(uri, at, at, typed[i % typed.length]!);
      const report = await client.pull(uri, resultId);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      resultId = resultIdOf(report);
      at++;
      if (i >= warmup) {
        samples.push(ms);
        if (report.kind === 'unchanged') unchanged++;
      }
      if (report.kind === 'full') diagnostics = report.items.length;
    }
    samples.sort((a, b) => a - b);
    // The other case, for the record: Enter at the top of the file moves every diagnostic to another
    // line, so each of these answers is a full report (no warm-up needed: the server is warm).
    const fullSamples: number[] = [];
    for (let i = 0; i < enters; i++) {
      const start = process.hrtime.bigint();
      await client.change(uri, 0, 0, '\n');
      const report = await client.pull(uri, resultId);
      fullSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
      resultId = resultIdOf(report);
      if (report.kind !== 'full') throw new Error('Enter above every diagnostic must give a full report');
    }
    fullSamples.sort((a, b) => a - b);
    // Sanity: after all that typing, the incrementally kept diagnostics are those of a fresh open.
    const afterTyping = await client.diagnostics(uri);
    const typedText = client.doc(uri).getText();
    // A group member is opened again under its own name (another name would be another template's).
    const fresh = folder ? uri : `file:///bench/latency-${lines}-fresh.runpod.env`;
    if (folder) await client.close(uri);
    await client.open(fresh, 'runpod-env', typedText);
    const expected = await client.diagnostics(fresh);
    const strip = (items: typeof afterTyping): string => JSON.stringify(items.map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => [r.location.range, r.message]) })));
    if (strip(afterTyping) !== strip(expected)) throw new Error(`bench: after typing into ${lines} lines the diagnostics differ from a fresh open of the same text`);
    return {
      lines,
      keystrokes,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      max: samples.at(-1)!,
      diagnostics,
      unchangedShare: unchanged / keystrokes,
      enters,
      fullP50: percentile(fullSamples, 50),
      fullP95: percentile(fullSamples, 95),
    };
  } finally {
    await client.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}

/** Waits until the server's workspace index is complete (`runpod/secretUsages`). */
async function waitForIndex(client: LspClient): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!((await client.request('runpod/secretUsages', {})) as { complete: boolean }).complete) {
    if (Date.now() > deadline) throw new Error('bench: the workspace index never became complete');
    await new Promise((r) => setTimeout(r, 20));
  }
}

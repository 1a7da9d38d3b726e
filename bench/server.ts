/**
 * A large file through a real stdio connection to dist/server.js, as an editor opens it: time to
 * the first diagnostics, hover and completion once the document is analysed, the outline where the
 * server offers one, and the peak resident memory of the server process while it did all that.
 *
 * Memory: Linux's VmHWM (peak resident set size) of the server process, reset just before the file
 * is opened by writing 5 to /proc/<pid>/clear_refs, minus the resident size at that moment. So the
 * figure is what holding and serving this one file cost the process at its worst moment: the
 * JSON-RPC message and its decoded text, the document, the analysis, every answer, and the heap
 * V8 had grown to by then.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver/node';
import { LspClient } from '../test/protocol/lspClient';
import { summarise, type Timing } from './analysis';

export interface ServerFigures {
  bytes: number;
  /**
   * From sending didOpen to receiving the first diagnostics report: the median over fresh servers
   * ({@link FIRST_DIAGNOSTICS_SERVERS} for the rows with a target, else one).
   */
  firstDiagnosticsMs: number;
  /** Each fresh server's time, in order (the first is the server the other figures come from). */
  firstDiagnosticsAll: number[];
  diagnostics: Diagnostic[];
  hover: Timing & { max: number };
  completion: Timing & { max: number };
  /** Document symbols, where the server offers them for this file. */
  symbols: { ms: number; count: number } | undefined;
  /** Peak resident memory above the resident size before the open, in bytes. */
  peakGrowth: number;
  /** The same, measured before the outline was asked for (after diagnostics, hovers and completions). */
  peakGrowthBeforeOutline: number;
  /** Every hover's time, in order (the first after the diagnostics first). */
  hoverTimes: number[];
}

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * Fresh servers whose first diagnostics are timed for a row that has a target: one cold start is one
 * sample of a figure that moved by a tenth between runs (948 and 1,046 ms for the same tree on
 * December 7), so the median of a few is what the verdict reads.
 */
export const FIRST_DIAGNOSTICS_SERVERS = 3;

/** The time from didOpen to the first diagnostics of `text` in a fresh server, which is then stopped. */
async function firstDiagnosticsOnly(uri: string, languageId: string, text: string, secrets: unknown): Promise<number> {
  const client = await LspClient.start({ initializationOptions: { secrets } });
  try {
    await client.symbols('file:///bench/not-open.runpod.env');
    const start = process.hrtime.bigint();
    await client.open(uri, languageId, text);
    await client.diagnostics(uri);
    return since(start);
  } finally {
    await client.stop();
  }
}

/**
 * Opens `text` as `uri` in a fresh server and measures it.
 * @param at an offset inside a secret reference, where hover and completion are asked for
 */
export async function measureServer(uri: string, languageId: string, text: string, at: number, secrets: unknown, withSymbols: boolean, requests = 20, servers = 1): Promise<ServerFigures> {
  const figures = await measureOneServer(uri, languageId, text, at, secrets, withSymbols, requests);
  for (let i = 1; i < servers; i++) figures.firstDiagnosticsAll.push(await firstDiagnosticsOnly(uri, languageId, text, secrets));
  figures.firstDiagnosticsMs = summarise(figures.firstDiagnosticsAll).median;
  return figures;
}

async function measureOneServer(uri: string, languageId: string, text: string, at: number, secrets: unknown, withSymbols: boolean, requests: number): Promise<ServerFigures> {
  const client = await LspClient.start({ initializationOptions: { secrets } });
  try {
    const pid = client.process.pid!;
    // Let the server settle after start-up, then start counting the peak from here.
    await client.symbols('file:///bench/not-open.runpod.env');
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const before = memoryOf(pid);
    const start = process.hrtime.bigint();
    await client.open(uri, languageId, text);
    const diagnostics = await client.diagnostics(uri);
    const firstDiagnosticsMs = since(start);
    // The test client keeps its own copy of the document and turns offsets into positions with it;
    // its first conversion indexes the lines of the whole text. That is the client's work, not the
    // server's: done here, untimed.
    client.doc(uri).positionAt(at);
    const hovers: number[] = [];
    const completions: number[] = [];
    for (let i = 0; i < requests; i++) {
      let t = process.hrtime.bigint();
      const hover = await client.hover(uri, at);
      hovers.push(since(t));
      if (!hover) throw new Error(`bench: no hover at offset ${at} of ${uri}`);
      t = process.hrtime.bigint();
      const items = await client.completion(uri, at);
      completions.push(since(t));
      if (items.length === 0) throw new Error(`bench: no completion at offset ${at} of ${uri}`);
    }
    const beforeOutline = memoryOf(pid);
    let symbols: ServerFigures['symbols'];
    if (withSymbols) {
      const t = process.hrtime.bigint();
      const count = (await client.symbols(uri)).length;
      symbols = { ms: since(t), count };
    }
    const after = memoryOf(pid);
    return {
      bytes: Buffer.byteLength(text),
      firstDiagnosticsMs,
      firstDiagnosticsAll: [firstDiagnosticsMs],
      diagnostics,
      hover: { ...summarise(hovers), max: Math.max(...hovers) },
      completion: { ...summarise(completions), max: Math.max(...completions) },
      symbols,
      peakGrowth: after.peak - before.rss,
      peakGrowthBeforeOutline: beforeOutline.peak - before.rss,
      hoverTimes: hovers,
    };
  } finally {
    await client.stop();
  }
}

/** A file of many short problem lines, with one good reference for hover and completion. */
export interface ShortLineFile {
  name: string;
  uri: string;
  text: string;
  /** Inside the one good reference. */
  at: number;
  /** Past the count limit (analyze.ts MAX_ANALYZED_ENTRIES): checked up to it, with one `file-too-large`. */
  pastCount: boolean;
}

/**
 * Files whose every line is a problem: `A=1` repeated (a duplicate-key per line) and unclosed
 * references (a malformed-reference and a duplicate-key per line). What matters is that the server
 * keeps a bounded number of problems whatever the number of lines (template/problemLimit.ts), and,
 * at just under the size limit (`maxChars`), that the count limit bounds its memory: those files
 * hold millions of lines, and the one good reference is near the top, within the count.
 */
export function shortLineFiles(secretName: string, maxChars: number): ShortLineFile[] {
  const withReference = (line: string, lines: number, refAt: number): { text: string; at: number } => {
    const before = line.repeat(refAt);
    const marker = `REF={{ RUNPOD_SECRET_${secretName} }}\n`;
    return { text: before + marker + line.repeat(lines - refAt), at: before.length + marker.indexOf(secretName) + 2 };
  };
  const n = (count: number): string => count.toLocaleString('en-US');
  const files: ShortLineFile[] = [];
  for (const [line, what, uri] of [
    ['A=1\n', 'lines of `A=1`', 'short-lines'],
    ['A={{ RUNPOD_SECRET_\n', 'unclosed references', 'unclosed'],
  ] as const) {
    files.push({ name: `env, ${n(390_000)} ${what}`, uri: `file:///bench/${uri}.runpod.env`, ...withReference(line, 390_000, 195_000), pastCount: false });
    // As many lines as fit under the size limit with the reference line: the count cuts them, never the size.
    const lines = Math.floor((maxChars - 100) / line.length);
    files.push({ name: `env, ${n(lines)} ${what} (past the count)`, uri: `file:///bench/${uri}-16mib.runpod.env`, ...withReference(line, lines, 1_000), pastCount: true });
  }
  return files;
}

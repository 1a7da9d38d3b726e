/**
 * Keystroke-to-diagnostics latency over a real stdio connection to dist/server.js: type characters
 * into a value in the middle of the file (incremental didChange), immediately ask for diagnostics
 * (textDocument/diagnostic), and time from sending the change to receiving the full report.
 */
import { LspClient } from '../test/protocol/lspClient';
import { BENCH_SECRETS } from './generate';

export interface LatencyFigures {
  lines: number;
  keystrokes: number;
  p50: number;
  p95: number;
  max: number;
  diagnostics: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measureLatency(text: string, lines: number, keystrokes: number, warmup = 40): Promise<LatencyFigures> {
  const client = await LspClient.start({ initializationOptions: { secrets: { state: 'fresh', secrets: BENCH_SECRETS } } });
  try {
    const uri = `file:///bench/latency-${lines}.runpod.env`;
    await client.open(uri, 'runpod-env', text);
    await client.diagnostics(uri);
    // Type at the end of the value on the middle line that holds a plain value.
    const middle = text.indexOf('\nMODEL_NAME_', text.length >> 1);
    let at = text.indexOf('\n', middle + 1);
    const samples: number[] = [];
    let diagnostics = 0;
    const typed = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < warmup + keystrokes; i++) {
      const start = process.hrtime.bigint();
      await client.change(uri, at, at, typed[i % typed.length]!);
      const items = await client.diagnostics(uri);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      at++;
      if (i >= warmup) samples.push(ms);
      diagnostics = items.length;
    }
    samples.sort((a, b) => a - b);
    return { lines, keystrokes, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1)!, diagnostics };
  } finally {
    await client.stop();
  }
}

/**
 * Serves an event-stream answer (logs) over HTTP: headers, then whatever the source has on each
 * poll, a keep-alive comment when it is quiet, and the end when the source says so. A client that
 * stops reading pauses the polling (nothing piles up in memory); a `dropAfterEvents` fault cuts the
 * connection after that many events.
 */
import type * as http from 'node:http';
import type { EventSource } from './context';

export interface StreamOptions {
  /** How often the source is asked for new events (ms). */
  pollMs: number;
  /** A comment line after this long without a write (ms), so proxies and clients see a live connection. */
  keepAliveMs: number;
  dropAfterEvents?: number;
  dropCleanly?: boolean;
}

/** What the server tells clients to wait before reconnecting (SSE `retry:`). */
const RETRY_MS = 1000;

export function serveEventStream(res: http.ServerResponse, headers: Record<string, string>, source: EventSource, options: StreamOptions): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  let sent = 0;
  let lastWrite = Date.now();
  const tick = (): void => {
    if (res.destroyed || res.writableEnded) return stop();
    if (res.writableNeedDrain) return; // the client is not reading: wait, keep nothing new
    let polled: ReturnType<EventSource['poll']>;
    try {
      polled = source.poll();
    } catch (err) {
      process.stderr.write(`fake RunPod: log stream failed: ${(err as Error).message}\n`);
      res.destroy();
      return stop();
    }
    for (const event of polled.events) {
      res.write(`id: ${event.id}\ndata: ${event.data}\n\n`);
      lastWrite = Date.now();
      if (options.dropAfterEvents !== undefined && ++sent >= options.dropAfterEvents) {
        // Abrupt: the socket closes once what was written is out, with no end of the chunked body.
        if (options.dropCleanly) res.end();
        else res.socket?.destroySoon();
        return stop();
      }
    }
    if (polled.ended) {
      res.end();
      return stop();
    }
    if (Date.now() - lastWrite >= options.keepAliveMs) {
      res.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
  };
  const timer = setInterval(tick, options.pollMs);
  const stop = (): void => clearInterval(timer);
  res.on('close', stop);
  tick();
}

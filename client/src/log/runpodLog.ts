/**
 * The extension's log: every line passes through the Redactor before it reaches the output channel.
 * Pure: the channel is injected (a `vscode.LogOutputChannel` in the editor, an array in tests).
 */
import type { RequestLogEvent } from '../runpod/types';
import type { RunpodLog } from '../services';
import { Redactor } from '../redaction/redactor';
import { RunpodApiError } from '../runpod/errors';

/** The part of `vscode.LogOutputChannel` the log writes to. */
export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Short, user-facing text of an error: `kind: message` for API errors, the message otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const kind = (error as { kind?: unknown }).kind;
    return typeof kind === 'string' ? `${kind}: ${error.message}` : error.message || error.name;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/**
 * Scrubs sensitive strings out of an error's message (an API error's parts too) and stack in place, so that whoever shows the
 * error later (a notification, a tree node) cannot print a value the server echoed back. Returns
 * the same error so callers can `throw scrubError(e, redact)`.
 */
export function scrubError<T>(error: T, redact: (text: string) => string): T {
  if (error instanceof RunpodApiError) error.rewordEach(redact);
  else if (error instanceof Error) error.message = redact(error.message);
  if (error instanceof Error) {
    if (typeof error.stack === 'string') error.stack = redact(error.stack);
    // RunpodApiError carries server-provided details beside the message.
    const details = (error as { details?: unknown }).details;
    if (Array.isArray(details)) {
      details.forEach((detail, i) => {
        if (typeof detail === 'string') details[i] = redact(detail);
      });
    }
  }
  return error;
}

/** One line per API call: method, path, status (or error) and duration. Never a body or header. */
export function formatRequest(event: RequestLogEvent): string {
  const outcome = event.status !== undefined ? String(event.status) : `failed (${event.error ?? 'no response'})`;
  const attempt = event.attempt > 1 ? ` attempt ${event.attempt}` : '';
  return `${event.method} ${event.path} -> ${outcome} in ${Math.round(event.durationMs)} ms${attempt}`;
}

/** `RunpodLog` over any sink, redacting every line. */
export class RedactingLog implements RunpodLog {
  constructor(
    private readonly sink: LogSink,
    readonly redactor: Redactor = new Redactor(),
  ) {}

  info(message: string): void {
    this.sink.info(this.redactor.redact(message));
  }

  warn(message: string): void {
    this.sink.warn(this.redactor.redact(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error === undefined ? '' : `: ${describeError(error)}`;
    this.sink.error(this.redactor.redact(message + detail));
  }

  addSensitive(value: string): void {
    this.redactor.add(value);
  }

  /** Redacts arbitrary text with the same registered strings (for messages shown to the user). */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** Logs an API call reported by the client's `onRequest`. */
  request(event: RequestLogEvent): void {
    const line = formatRequest(event);
    if (event.error !== undefined || (event.status !== undefined && event.status >= 400)) this.warn(line);
    else this.info(line);
  }
}

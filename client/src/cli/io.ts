/**
 * The command line's only contact with the terminal: output streams, environment, standard input
 * and prompts. Commands take an `Io` so the logic above it stays testable and the adapter thin.
 */
import * as readline from 'node:readline';
import { CliError, EXIT } from './errors';
import type { GlobalOptions } from './globalOptions';
import { PROMPT_PASTE_UNFINISHED } from './value';

export interface Io {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when standard input is a terminal (a person), false when piped or closed. */
  stdinIsTTY: boolean;
  /**
   * Reads standard input (piped data) up to `maxBytes`, as bytes: the caller decides the encoding
   * (a value is refused unless UTF-8, never decoded lossily). `truncated` when there was more (the
   * rest is not read: an endless pipe or `/dev/zero` stops here).
   */
  readStdin(maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }>;
  /**
   * Asks on stderr and reads one line from the terminal; `hidden` turns echo off (values) and returns
   * control characters and a multi-line paste as they came, for the caller to refuse.
   */
  prompt(question: string, options?: { hidden?: boolean }): Promise<string>;
  /**
   * Calls `listener` on Ctrl+C (SIGINT) instead of ending the process, until the returned
   * function is called (a log follow stops cleanly this way). Absent: Ctrl+C ends the process.
   */
  onInterrupt?(listener: () => void): () => void;
  /** --account, --profile, --verbose: run() takes them out of the arguments for every command. */
  global?: GlobalOptions;
}

/** The real process: stdout/stderr, `process.env`, TTY prompts on stderr so stdout stays parseable. */
export function nodeIo(): Io {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdinIsTTY: process.stdin.isTTY === true,
    readStdin,
    prompt: (question, options) => (options?.hidden ? promptHidden(question, processTerminal()) : promptLine(question)),
    onInterrupt: (listener) => {
      process.on('SIGINT', listener);
      return () => void process.off('SIGINT', listener);
    },
  };
}

async function readStdin(maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  // Leaving the loop early destroys the stream: nothing past the limit is read or kept.
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxBytes) return { bytes: new Uint8Array(0), truncated: true };
  }
  return { bytes: Buffer.concat(chunks, total), truncated: false };
}

function promptLine(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise<string>((resolve, reject) => {
    rl.on('SIGINT', () => {
      rl.close();
      reject(new CliError('cancelled', EXIT.cancelled));
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

/** How long a terminal stays quiet after a paste before the prompt stops swallowing it (terminals that do not mark pastes). */
export const PASTE_SETTLE_MS = 100;
/**
 * How long a marked paste may go quiet before its end mark is given up on (cut short by tmux or
 * screen): longer than the settling above, since a marked paste is known to be one and waiting
 * costs a second, while refusing a slow one costs a paste again.
 */
const PASTE_UNFINISHED_MS = 10 * PASTE_SETTLE_MS;
/** Bracketed paste (xterm's mode 2004): while on, the terminal sends a paste between PASTE_START and PASTE_END. */
const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';
/** All a read holds after a paste's end mark when Enter came with it: `\r`, `\n` or `\r\n`. */
const LONE_LINE_END = /^(?:\r\n?|\n)$/;
/**
 * Signals that end the process while the prompt is up: raw mode and the marking go off first (an
 * 'exit' handler does not run on them, nor does Node restore the terminal once a listener was set).
 */
const ENDING_SIGNALS = ['SIGTERM', 'SIGHUP'] as const;

/**
 * What the hidden prompt reads and asks on: the process's stdin and stderr; a test gives its own,
 * to deliver a paste's pieces as separate reads at the moments it chooses.
 */
export interface HiddenPromptTerminal {
  input: Pick<NodeJS.ReadStream, 'setRawMode' | 'setEncoding' | 'on' | 'off' | 'resume' | 'pause'>;
  output: { isTTY?: boolean; write(text: string): unknown };
}

const processTerminal = (): HiddenPromptTerminal => ({ input: process.stdin, output: process.stderr });

/**
 * Reads a line with echo off, in raw mode, so a secret value never appears on screen or in the
 * terminal's scrollback. Backspace edits, Enter ends, Ctrl-C or Ctrl-D on an empty line cancel.
 * Every other character is kept as typed, control characters and escape sequences (an arrow key)
 * included, so the caller refuses them rather than a value being stored without them.
 *
 * A paste is told apart exactly where the terminal marks it (bracketed paste, asked for while the
 * prompt is up and turned off, as raw mode is, on every way out, SIGTERM and SIGHUP included): a line end inside it
 * never submits; a paste of several lines ends the prompt as soon as it ends, returned whole for the
 * caller to refuse; a line end closing a one-line paste is the copy's, not the user's Enter. Ctrl+C
 * cancels even inside a paste, and so does SIGINT sent from outside (exit 130, as --help says). A paste that did not end as marked is refused (PROMPT_PASTE_UNFINISHED)
 * once the terminal is quiet, all of it swallowed: one whose end mark never comes within
 * PASTE_UNFINISHED_MS, and one whose end mark came early (the value held it: more of the paste came
 * with it or right after it; a lone line end with it is Enter). A terminal that ignores the request sends no marks, and the timing
 * rule stands: a terminal may deliver a paste in pieces, a piece ending right after a line end, so
 * Enter does not end the prompt at once but waits until the terminal has been quiet for
 * PASTE_SETTLE_MS. Anything arriving meanwhile was pasted: the whole paste is returned (the caller
 * refuses it) and all of it is swallowed, so no line of a key is left for the shell to run.
 */
export function promptHidden(question: string, terminal: HiddenPromptTerminal): Promise<string> {
  const { input: stdin, output } = terminal;
  // Echo off BEFORE the question shows: whatever is typed (or pasted) after it must not echo.
  stdin.setRawMode(true);
  // The marks are asked of the terminal the question is shown on; no terminal there, no marks.
  const marking = output.isTTY === true;
  const unmark = (): void => void output.write(BRACKETED_PASTE_OFF);
  /** Gives the terminal back as the shell expects it: echo and line editing on, pastes unmarked. */
  const restore = (): void => {
    stdin.setRawMode(false);
    if (marking) unmark();
  };
  // Ended by a signal while the prompt is up: the terminal is restored, then the signal ends the process as it would have.
  const onSignal = (signal: NodeJS.Signals): void => {
    unlisten();
    restore();
    process.kill(process.pid, signal);
  };
  /** Set once the prompt is reading: SIGINT sent from outside (kill -INT) cancels as Ctrl+C typed does. */
  let onInterrupt = (): void => {};
  const unlisten = (): void => {
    process.off('exit', unmark);
    process.off('SIGINT', onInterrupt);
    for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
  };
  // An exit from elsewhere while the prompt is up must not leave the user's shell pasting with marks.
  if (marking) {
    output.write(BRACKETED_PASTE_ON);
    process.once('exit', unmark);
  }
  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
  return new Promise<string>((resolve, reject) => {
    let answer = '';
    /** Set once a line end came: what arrived after it, and whether a `\n` would still be Enter's own. */
    let entered: { after: string; lfOfEnter: boolean } | undefined;
    let settle: NodeJS.Timeout | undefined;
    /** The paste under way between its marks; `marked` once the terminal showed it marks pastes. */
    let paste: string | undefined;
    let marked = false;
    /** When the last marked paste ended: an Enter right after it may be followed by more of it. */
    let pasteEndedAt = -Infinity;
    /** Set while the rest of a paste is swallowed: the prompt ends with `error` (none: the answer) once the terminal is quiet. */
    let swallowing: { error: Error | undefined } | undefined;
    /** The start of a mark cut off at the end of a read: judged with the next read. */
    let held = '';
    const finish = (error?: Error): void => {
      clearTimeout(settle);
      stdin.off('data', onData);
      unlisten();
      restore();
      stdin.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(entered && entered.after !== '' ? `${answer}\n${entered.after}` : answer);
    };
    const cancelled = (): Error => new CliError('cancelled', EXIT.cancelled);
    onInterrupt = () => finish(cancelled());
    // Listened for before the question shows: a SIGINT sent once it is seen must not find Node's default.
    process.on('SIGINT', onInterrupt);
    output.write(question);
    const unfinished = (): Error => new CliError(PROMPT_PASTE_UNFINISHED);
    /** Swallows what the terminal still sends, then ends with `error` once it has been quiet PASTE_SETTLE_MS. */
    const swallow = (error: Error | undefined): void => {
      swallowing = { error };
      clearTimeout(settle);
      settle = setTimeout(() => finish(error), PASTE_SETTLE_MS);
    };
    // Enter is one `\r` (or `\r\n`, maybe split across reads); anything else after it was pasted.
    const afterEnter = (text: string): void => {
      const state = entered!;
      const rest = state.lfOfEnter && text.startsWith('\n') ? text.slice(1) : text;
      if (text !== '') state.lfOfEnter = false;
      state.after += rest;
      clearTimeout(settle);
      settle = setTimeout(finish, PASTE_SETTLE_MS);
    };
    /** A marked paste ended: its line ends as `\n`, a closing one dropped. True when it ended the prompt (several lines). */
    const endPaste = (text: string): boolean => {
      clearTimeout(settle);
      const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
      answer += lines;
      paste = undefined;
      pasteEndedAt = Date.now();
      if (!lines.includes('\n')) return false;
      finish();
      return true;
    };
    const onData = (chunk: string): void => {
      // Anything after a paste that ended early, or after an Enter that followed a paste at once, was pasted.
      if (swallowing) return swallow(swallowing.error ?? unfinished());
      if (entered) return afterEnter(chunk);
      const text = held + chunk;
      held = '';
      for (let i = 0; i < text.length; i++) {
        const ch = text[i]!;
        if (ch === '\u001b' && marking) {
          const rest = text.slice(i, i + PASTE_START.length);
          if (rest === PASTE_START && paste === undefined) {
            i += PASTE_START.length - 1;
            paste = '';
            marked = true;
            continue;
          }
          if (rest === PASTE_END) {
            const after = text.slice(i + PASTE_END.length);
            // A lone line end after it in the same read is Enter, pressed as the paste arrived.
            const enter = LONE_LINE_END.test(after);
            // Anything else after it in the same read, or an end mark outside a paste: the value held the mark.
            if (paste === undefined || (after !== '' && !enter)) return swallow(unfinished());
            i += PASTE_END.length - 1;
            if (endPaste(paste)) return;
            // As an Enter right after a paste: ends the prompt once quiet, unless more of the paste follows.
            if (enter) return swallow(undefined);
            continue;
          }
          // Cut off by the end of the read (a whole start mark inside a paste is the value's own).
          if (rest.length < PASTE_START.length && (PASTE_START.startsWith(rest) || PASTE_END.startsWith(rest))) {
            held = rest;
            break;
          }
        }
        if (ch === '\u0003') return finish(cancelled());
        if (paste !== undefined) {
          paste += ch;
          continue;
        }
        if (ch === '\r' || ch === '\n') {
          // A terminal that marks pastes sent this line end outside one: the user's Enter, unless it
          // came right after a paste ended (more of the paste may follow: the value held the end mark).
          if (marked && Date.now() - pasteEndedAt >= PASTE_SETTLE_MS) return finish();
          if (marked) return swallow(i + 1 < text.length ? unfinished() : undefined);
          entered = { after: '', lfOfEnter: ch === '\r' };
          return afterEnter(text.slice(i + 1));
        }
        if (ch === '\u0004' && answer.length === 0) return finish(cancelled());
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
      // A paste still open when the terminal goes quiet: its end mark is not coming.
      if (paste !== undefined) {
        clearTimeout(settle);
        settle = setTimeout(() => finish(unfinished()), PASTE_UNFINISHED_MS);
      }
    };
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

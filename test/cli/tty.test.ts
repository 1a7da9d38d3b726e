/**
 * Terminal prompts, under a real pseudo-terminal (util-linux `script`): the hidden value prompt
 * does not echo what is typed, and typed confirmation gates delete. Input is typed only after the
 * prompt appears, as a person would, so the terminal's own echo would show if it were left on.
 * Ctrl+C while a write is on its way says the write may still happen, as a timed-out write does.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { apiEnv, buildOnce, cliEnv, cliPath, patientApiEnv, ROOT, runCli } from './helpers';

// Each test starts several processes; on two shared cores that can take a while (not a timing assertion).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

let fake: FakeRunpod;
beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ seed: true });
});
afterAll(async () => {
  await fake?.close();
});

/** Runs the CLI on a pseudo-terminal; types `answer` + Enter when `prompt` shows up. */
function onTerminal(args: string[], prompt: string, answer: string, env: Record<string, string> = {}): Promise<{ code: number | null; screen: string }> {
  return typedOnTerminal(args, prompt, `${answer}\r`, env);
}

/** A shell word: `a'b` -> `'a'\''b'`. */
function quoted(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs a shell command line on a pseudo-terminal; writes `input` exactly as given (a paste is one
 * write) when `prompt` shows up, then `after` once `afterPrompt` shows up (a shell's next read).
 * `input` as several pieces: a paste the terminal delivers in parts, each written a moment apart.
 * Whether the pty hands them over as one read or several, and how far apart, is the machine's
 * (a loaded one merges them or delays them): only inputs read the same either way are given in
 * pieces here; promptHidden.test.ts delivers the reads at moments it sets.
 */
function typedOnTerminal(
  args: string[] | { shell: string },
  prompt: string,
  input: string | string[],
  env: Record<string, string> = {},
  then?: { afterPrompt: string; after: string; then?: (screen: string) => void },
): Promise<{ code: number | null; screen: string }> {
  const command = Array.isArray(args) ? [process.execPath, cliPath(), ...args].map(quoted).join(' ') : args.shell;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...cliEnv(), TERM: 'dumb', ...apiEnv(fake), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let typed = false;
    let thenTyped = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit; screen: ${screen}`));
    }, 15_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      screen += d;
      if (!typed && screen.includes(prompt)) {
        typed = true;
        const [first = '', ...rest] = typeof input === 'string' ? [input] : input;
        child.stdin.write(first);
        rest.forEach((piece, i) => setTimeout(() => child.stdin.write(piece), 20 * (i + 1)));
      }
      if (then && !thenTyped && typed && screen.includes(then.afterPrompt)) {
        thenTyped = true;
        child.stdin.write(then.after);
        then.then?.(screen);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe('prompts on a terminal', () => {
  it('secrets create asks for the value with echo off; the value reaches RunPod, not the screen', async () => {
    const value = 'typed-at-the-prompt-5e1d';
    const r = await onTerminal(['secrets', 'create', 'tty_secret'], '(input hidden): ', value);
    expect(r.code).toBe(0);
    expect(r.screen).toContain('Created secret tty_secret');
    expect(r.screen).not.toContain(value);
    expect(fake.inspect().secrets.find((s) => s.name === 'tty_secret')?.value).toBe(value);
  });

  it('secrets delete asks to type the name: a wrong answer cancels, the right one deletes', async () => {
    fake.addTemplate({ name: 'tty-template', image: 'runpod/base:1', env: { KEY: '{{ RUNPOD_SECRET_tty_secret }}' } });
    const wrong = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', 'tty_secrex');
    expect(wrong.code).toBe(2);
    // What breaks is named before the question, so the answer is an informed one.
    expect(wrong.screen.indexOf('template "tty-template"')).toBeGreaterThan(-1);
    expect(wrong.screen.indexOf('template "tty-template"')).toBeLessThan(wrong.screen.indexOf('to confirm: '));
    expect(wrong.screen).toContain('cancelled');
    expect(fake.inspect().secrets.some((s) => s.name === 'tty_secret')).toBe(true);
    // Ctrl+C at the question cancels with the exit code --help documents, and deletes nothing.
    const interrupted = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', '\u0003');
    expect(interrupted.code).toBe(130);
    expect(fake.inspect().secrets.some((s) => s.name === 'tty_secret')).toBe(true);
    const help = await runCli(['secrets', '--help']);
    expect(help.stdout).toMatch(/Exit codes: .*\n?.*130 cancelled with Ctrl\+C: at a prompt, or while a write was in flight/);
    // A key RunPod rejects read nothing of the account: said before any question, which would only
    // lead to the same refusal after the user typed the name.
    const rejected = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', 'tty_secret', { RUNPOD_API_KEY: 'rejected-key-0000' });
    expect(rejected.code).toBe(2);
    expect(rejected.screen).not.toContain('to confirm: ');
    expect(rejected.screen).toMatch(/401/);
    expect(rejected.screen).not.toContain('rejected-key-0000');
    // A wrong RUNPOD_API_URL (every list a 404) is a configuration to fix first too, as check says.
    const wrongUrl = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', 'tty_secret', { RUNPOD_API_URL: `${fake.url}/no-such-api` });
    expect(wrongUrl.code).toBe(2);
    expect(wrongUrl.screen).not.toContain('to confirm: ');
    expect(wrongUrl.screen).toMatch(/404/);
    expect(fake.inspect().secrets.some((s) => s.name === 'tty_secret')).toBe(true);
    const right = await onTerminal(['secrets', 'delete', 'tty_secret'], 'to confirm: ', 'tty_secret');
    expect(right.code).toBe(0);
    expect(fake.inspect().secrets.some((s) => s.name === 'tty_secret')).toBe(false);
  });
});

describe('what the hidden prompt refuses', () => {
  it('a paste of several lines is refused whole, none of it stored or left for the shell', async () => {
    const cli = [process.execPath, cliPath(), 'secrets', 'create', 'pasted_key'].map(quoted).join(' ');
    // The shell's own read after the command shows what the command left unread in the terminal.
    const shell = `${cli}; echo "EXIT[$?]"; read -r rest; echo "LEFT[$rest]"`;
    const paste = '-----BEGIN KEY-----\nAAAA-pasted-5c1f\n-----END KEY-----\n';
    const r = await typedOnTerminal({ shell }, '(input hidden): ', paste, {}, { afterPrompt: 'EXIT[', after: 'typed-later\r' });
    expect(r.screen).toContain('EXIT[2]');
    expect(r.screen).toMatch(/several lines.*--value-file/s);
    expect(r.screen).toContain('LEFT[typed-later]');
    expect(r.screen).not.toContain('AAAA-pasted-5c1f');
    expect(fake.inspect().secrets.some((s) => s.name === 'pasted_key')).toBe(false);
  });

  // A paste delivered in pieces (each its own read, at chosen moments) is promptHidden.test.ts's:
  // here the machine's load would choose whether two writes are one read or fall apart.
});

/** A terminal that honours bracketed paste (ESC[?2004h) marks a paste: what this harness writes when it pastes. */
const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';
const pasted = (text: string): string => `\u001b[200~${text}\u001b[201~`;
/** A shell line saying whether the terminal echoes and edits lines again (`TTY[cooked]`) or was left raw. */
const ttyMode = `if stty -a | grep -q -- '-icanon\\|-echo '; then echo "TTY[raw]"; else echo "TTY[cooked]"; fi`;

describe('the hidden prompt on a terminal that marks pastes (bracketed paste)', () => {
  /** The prompt turned marking on before its question and off again after, the last word on the screen. */
  const markedAround = (screen: string, prompt: string): void => {
    expect(screen.indexOf(PASTE_ON)).toBeGreaterThan(-1);
    expect(screen.indexOf(PASTE_ON)).toBeLessThan(screen.indexOf(prompt));
    expect(screen.lastIndexOf(PASTE_OFF)).toBeGreaterThan(screen.lastIndexOf(PASTE_ON));
  };

  it('a one-line paste and Enter in the same read: the paste is kept and Enter submits it', async () => {
    const r = await typedOnTerminal(['secrets', 'create', 'marked_enter'], '(input hidden): ', `${pasted('pasted-enter-6d1c')}\r`);
    expect(r.code).toBe(0);
    expect(r.screen).not.toContain('pasted-enter-6d1c');
    expect(fake.inspect().secrets.find((s) => s.name === 'marked_enter')?.value).toBe('pasted-enter-6d1c');
  });

  it('a paste of several lines and Enter in the same read is refused for its lines, not as an unfinished paste', async () => {
    const r = await typedOnTerminal(['secrets', 'create', 'marked_lines_enter'], '(input hidden): ', `${pasted('line-one\rline-two-2b8e')}\r`);
    expect(r.code).toBe(2);
    expect(r.screen).toMatch(/several lines.*--value-file/s);
    expect(r.screen).not.toContain('line-two-2b8e');
    expect(fake.inspect().secrets.some((s) => s.name === 'marked_lines_enter')).toBe(false);
  });

  it('a paste of several lines is refused as soon as it ends, none of it stored or left for the shell', async () => {
    const cli = [process.execPath, cliPath(), 'secrets', 'create', 'marked_lines'].map(quoted).join(' ');
    const shell = `${cli}; echo "EXIT[$?]"; read -r rest; echo "LEFT[$rest]"`;
    const r = await typedOnTerminal({ shell }, '(input hidden): ', pasted('-----BEGIN KEY-----\rAAAA-marked-9f0a\r-----END KEY-----\r'), {}, { afterPrompt: 'EXIT[', after: 'typed-later\r' });
    expect(r.screen).toContain('EXIT[2]');
    expect(r.screen).toMatch(/several lines.*--value-file/s);
    expect(r.screen).toContain('LEFT[typed-later]');
    expect(r.screen).not.toContain('AAAA-marked-9f0a');
    markedAround(r.screen, '(input hidden): ');
    expect(fake.inspect().secrets.some((s) => s.name === 'marked_lines')).toBe(false);
  });

  it('Ctrl+C at the prompt turns the marking off too', async () => {
    const r = await onTerminal(['secrets', 'create', 'marked_cancel'], '(input hidden): ', '\u0003');
    expect(r.code).toBe(130);
    markedAround(r.screen, '(input hidden): ');
  });

  it('a start mark cut across two reads is still a mark: the paste is kept', async () => {
    const r = await typedOnTerminal(['secrets', 'create', 'marked_held'], '(input hidden): ', ['\u001b[20', '0~held-part-4c1d\u001b[201~', '\r']);
    expect(r.code).toBe(0);
    expect(fake.inspect().secrets.find((s) => s.name === 'marked_held')?.value).toBe('held-part-4c1d');
  });

  it("a start mark inside a paste is the value's own: the paste goes on, and the value is refused for its control character", async () => {
    const r = await typedOnTerminal(['secrets', 'create', 'marked_inner'], '(input hidden): ', [pasted('a\u001b[200~b'), '\r']);
    expect(r.code).toBe(2);
    expect(r.screen).toMatch(/control character/);
    expect(fake.inspect().secrets.some((s) => s.name === 'marked_inner')).toBe(false);
  });

  it('Ctrl+C inside a paste whose end mark has not come cancels', async () => {
    const r = await typedOnTerminal(['secrets', 'create', 'marked_open_cancel'], '(input hidden): ', ['\u001b[200~open-paste', '\u0003']);
    expect(r.code).toBe(130);
    markedAround(r.screen, '(input hidden): ');
    expect(fake.inspect().secrets.some((s) => s.name === 'marked_open_cancel')).toBe(false);
  });

  it('a paste whose end mark never comes (cut short by tmux or screen) is refused once the terminal is quiet', async () => {
    const r = await typedOnTerminal(['secrets', 'create', 'marked_cut'], '(input hidden): ', '\u001b[200~cut-short-8e2b');
    expect(r.code).toBe(2);
    expect(r.screen).toMatch(/the paste did not end/);
    markedAround(r.screen, '(input hidden): ');
    expect(r.screen).not.toContain('cut-short-8e2b');
    expect(fake.inspect().secrets.some((s) => s.name === 'marked_cut')).toBe(false);
  });

  it("a pasted value holding the terminal's end mark is refused whole: the rest is not taken as typed, nor left for the shell", async () => {
    const cli = [process.execPath, cliPath(), 'secrets', 'create', 'marked_early'].map(quoted).join(' ');
    const shell = `${cli}; echo "EXIT[$?]"; read -r rest; echo "LEFT[$rest]"`;
    const r = await typedOnTerminal({ shell }, '(input hidden): ', pasted('first-part\u001b[201~rest-9a3c\rmore\r'), {}, { afterPrompt: 'EXIT[', after: 'typed-later\r' });
    expect(r.screen).toContain('EXIT[2]');
    expect(r.screen).toMatch(/the paste did not end/);
    expect(r.screen).toContain('LEFT[typed-later]');
    expect(r.screen).not.toContain('rest-9a3c');
    expect(fake.inspect().secrets.some((s) => s.name === 'marked_early')).toBe(false);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s while the prompt is up turns the marking off, and the command ends as that signal ends it', async (signal, code) => {
    const cli = [process.execPath, cliPath(), 'secrets', 'create', 'marked_signal'].map(quoted).join(' ');
    // In the background, the shell says its pid; the prompt still reads the terminal.
    const shell = `${cli} </dev/tty & echo "PID[$!]"; wait $!; echo "EXIT[$?]"; ${ttyMode}`;
    const r = await typedOnTerminal({ shell }, '(input hidden): ', '', {}, {
      afterPrompt: '(input hidden): ',
      after: '',
      then: (screen) => process.kill(Number(/PID\[(\d+)\]/.exec(screen)![1]), signal),
    });
    expect(r.screen).toContain(`EXIT[${code}]`);
    markedAround(r.screen, '(input hidden): ');
    // Echo and line editing are back for the shell: the prompt's raw mode went off before the signal ended it.
    expect(r.screen).toContain('TTY[cooked]');
  });

  it('SIGINT from outside (kill -INT) at the prompt cancels as Ctrl+C does: exit 130, marking and raw mode off', async () => {
    const cli = [process.execPath, cliPath(), 'secrets', 'create', 'marked_sigint'].map(quoted).join(' ');
    // In the foreground (a background job ignores SIGINT); the inner shell says its pid, then becomes the CLI.
    const shell = `sh -c 'echo "PID[$$]"; exec "$@"' sh ${cli}; echo "EXIT[$?]"; ${ttyMode}`;
    const r = await typedOnTerminal({ shell }, '(input hidden): ', '', {}, {
      afterPrompt: '(input hidden): ',
      after: '',
      then: (screen) => process.kill(Number(/PID\[(\d+)\]/.exec(screen)![1]), 'SIGINT'),
    });
    expect(r.screen).toContain('EXIT[130]');
    expect(r.screen).toContain('cancelled');
    markedAround(r.screen, '(input hidden): ');
    expect(r.screen).toContain('TTY[cooked]');
    expect(fake.inspect().secrets.some((s) => s.name === 'marked_sigint')).toBe(false);
  });
});

describe('what the hidden prompt refuses (more)', () => {
  it('a NUL typed at the prompt is refused in the words piped input gets', async () => {
    const piped = await runCli(['secrets', 'create', 'nul_piped'], { env: apiEnv(fake), input: 'a\u0000b' });
    const nul = /holds a NUL character \(U\+0000\)/;
    expect(piped.stderr).toMatch(nul);
    const r = await onTerminal(['secrets', 'create', 'nul_typed'], '(input hidden): ', 'a\u0000b');
    expect(r.code).toBe(2);
    expect(r.screen).toMatch(nul);
    expect(fake.inspect().secrets.some((s) => s.name === 'nul_typed')).toBe(false);
  });

  it('an arrow key or another control character typed at the prompt is refused, not dropped', async () => {
    for (const typed of ['a\u001b[Ab', 'a\u0001b']) {
      const r = await onTerminal(['secrets', 'create', 'control_typed'], '(input hidden): ', typed);
      expect(r.code).toBe(2);
      expect(r.screen).toMatch(/control character/);
      expect(fake.inspect().secrets.some((s) => s.name === 'control_typed')).toBe(false);
    }
  });

  it('a value typed with Tab and Backspace is stored as edited', async () => {
    const r = await onTerminal(['secrets', 'create', 'edited_typed'], '(input hidden): ', 'a\tbx\u007f');
    expect(r.code).toBe(0);
    expect(fake.inspect().secrets.find((s) => s.name === 'edited_typed')?.value).toBe('a\tb');
  });
});

describe('Ctrl+C during a write', () => {
  it('secrets create: says the create may or may not have taken effect and how to check, exit 130', async () => {
    // The create is carried out, and its answer held back: the command is interrupted while it waits.
    fake.faults.inject({ hang: true, afterHandling: true }, { method: 'POST', path: '/account/secrets' });
    const child = spawn(process.execPath, [cliPath(), 'secrets', 'create', 'slow_secret'], {
      cwd: ROOT,
      env: { ...cliEnv(), ...patientApiEnv(fake) },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end('not-a-real-value');
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!fake.inspect().secrets.some((s) => s.name === 'slow_secret')) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/^runpod-check: Interrupted while trying to create secret `slow_secret`\. It may or may not have taken effect: run `runpod-check secrets list` to check before trying again\.\n$/);
    expect(stderr).not.toContain('not-a-real-value');
  });
});

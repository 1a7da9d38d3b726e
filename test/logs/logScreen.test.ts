/**
 * What the log view writes: lines neutralised (a container cannot move the cursor, clear the
 * screen or write the clipboard), a filter that redraws from the kept lines, a resumed stream that
 * repeats nothing, and each explanation once per stream.
 */
import { describe, expect, it } from 'vitest';
import { ExplanationMemo, logHeader, LogScreen, MAX_EXPLAINED_CAUSES, MAX_LOG_SCREEN_CHARS } from '../../client/src/logs/logScreen';
import { LOG_BACKFILL } from '../../client/src/runpod/logStream';
import type { LogStreamItem } from '../../client/src/runpod/types';

const line = (ms: number, text: string, source: 'container' | 'system' = 'container'): LogStreamItem => {
  const ts = new Date(Date.UTC(2026, 8, 1, 12, 0, 0, ms)).toISOString();
  return { kind: 'line', id: ts, ts, source, line: text };
};
/** The screen text without this module's own colour codes, to read it. */
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

describe('LogScreen', () => {
  it('writes time, source and the line; a container\'s escape sequences, CR and bidi overrides become visible text', () => {
    const screen = new LogScreen();
    const { text } = screen.push(line(250, 'progress\r\x1b[2K\x1b]52;c;aGk=\x07done \u202eevil \u009b31m'));
    expect(plain(text)).toBe('12:00:00.250 container progress\\u000d\\u001b[2K\\u001b]52;c;aGk=\\u0007done \\u202eevil \\u009b31m\r\n');
    // Only the screen's own SGR codes remain raw.
    expect(text.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202e]/);
  });

  it('the filter hides the other source and redraws what was kept, without a request', () => {
    const screen = new LogScreen();
    screen.push(line(1, 'Pulling image x', 'system'));
    screen.push(line(2, 'hello'));
    expect(plain(screen.setFilter('system', 'HEADER\r\n'))).toBe('HEADER\r\n12:00:00.001 system    Pulling image x\r\n');
    expect(plain(screen.push(line(3, 'not shown')).text)).toBe('');
    expect(plain(screen.setFilter('container', '')).split('\r\n').filter(Boolean)).toEqual(['12:00:00.002 container hello', '12:00:00.003 container not shown']);
    expect(plain(screen.setFilter('all', '')).split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('a filter that hides every kept line says so, instead of an empty screen', () => {
    const screen = new LogScreen();
    screen.push(line(1, 'hello'));
    screen.push(line(2, 'world'));
    expect(plain(screen.setFilter('system', 'HEADER\r\n'))).toBe('HEADER\r\n▸ No system lines among the last 2 lines.\r\n');
    expect(plain(screen.setFilter('container', ''))).not.toContain('No ');
  });

  it('keeps a bounded number of lines for redraws', () => {
    const screen = new LogScreen(2);
    for (let i = 1; i <= 5; i++) screen.push(line(i, `l${i}`));
    expect(plain(screen.setFilter('all', '')).split('\r\n').filter(Boolean)).toEqual(['12:00:00.004 container l4', '12:00:00.005 container l5']);
  });

  it('a stream started again from the last line repeats nothing it showed, and loses nothing new at that id', () => {
    const screen = new LogScreen();
    screen.push(line(1, 'a'));
    screen.push(line(2, 'b'));
    expect(screen.lastLineId).toBe('2026-09-01T12:00:00.002Z');
    // `since` is inclusive: the resumed stream starts at the last line.
    expect(plain(screen.push(line(1, 'a')).text)).toBe('');
    expect(plain(screen.push(line(2, 'b')).text)).toBe('');
    expect(plain(screen.push(line(2, 'b2, same ms')).text)).toContain('b2, same ms');
    expect(plain(screen.push(line(3, 'c')).text)).toContain('c');
  });

  it('explains a missing secret once per stream, however many lines show it', () => {
    const screen = new LogScreen();
    const first = screen.push(line(1, 'HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}'));
    expect(first.explanation).toMatchObject({ kind: 'unresolved-reference', names: ['hf-tokn'] });
    expect(plain(first.text)).toMatch(/RunPod did not substitute "hf-tokn"/);
    expect(screen.push(line(2, 'HF_HUB={{ RUNPOD_SECRET_hf-tokn }}')).explanation).toBeUndefined();
    expect(screen.push(line(3, 'X={{ RUNPOD_SECRET_other }}')).explanation).toMatchObject({ names: ['other'] });
  });

  it('notices and the end of the log are the screen\'s own lines', () => {
    const screen = new LogScreen();
    expect(plain(screen.push({ kind: 'notice', text: 'reconnecting\x1b[2J' }).text)).toBe('▸ reconnecting\\u001b[2J\r\n');
    expect(plain(screen.push({ kind: 'end', reason: 'gone' }).text)).toMatch(/no longer exists/);
    expect(screen.push({ kind: 'end', reason: 'aborted' }).text).toBe('');
  });
});

describe('ExplanationMemo', () => {
  it('remembers a bounded number of causes: a container printing endless distinct references cannot grow it', () => {
    const memo = new ExplanationMemo();
    let explained = 0;
    for (let i = 0; i < 5000; i++) if (memo.take(`X={{ RUNPOD_SECRET_s${i}-${'n'.repeat(150)} }}`)) explained++;
    expect(explained).toBe(MAX_EXPLAINED_CAUSES);
    expect(memo.take('pull access denied for acme/private')).toBeUndefined();
  });

  it('the image pull explanation once, whatever the wording of the later lines', () => {
    const memo = new ExplanationMemo();
    expect(memo.take('pull access denied for acme/private')?.kind).toBe('image-pull-auth');
    expect(memo.take('unauthorized: authentication required')).toBeUndefined();
    expect(memo.take('plain line')).toBeUndefined();
  });
});

describe('LogScreen against a hostile or runaway server', () => {
  const LONG = 'x'.repeat(100_000);

  it('lines without an id (nothing to resume at) are shown and never remembered one by one', () => {
    const screen = new LogScreen();
    for (let i = 0; i < 2000; i++) expect(plain(screen.push({ kind: 'line', id: '', ts: '', source: 'container', line: `${i} ${LONG}` }).text)).toContain(`${i} x`);
    expect(screen.heldChars).toBeLessThanOrEqual(MAX_LOG_SCREEN_CHARS + 64 * 1000);
  });

  it('thousands of distinct long lines at one id: the resume memory is bounded, the kept lines too', () => {
    const screen = new LogScreen();
    for (let i = 0; i < 2000; i++) screen.push({ kind: 'line', id: '2026-09-01T12:00:00Z', ts: '2026-09-01T12:00:00Z', source: 'container', line: `${i} ${LONG}` });
    expect(screen.heldChars).toBeLessThanOrEqual(MAX_LOG_SCREEN_CHARS + 64 * 1000);
    // The newest lines are the ones kept for a redraw.
    const redrawn = plain(screen.setFilter('all', '')).split('\r\n').filter(Boolean);
    expect(redrawn.at(-1)).toContain('1999 x');
    expect(redrawn.length).toBeGreaterThan(1);
  });
});

describe('logHeader', () => {
  it('says how many lines of history the view asked for (LOG_BACKFILL)', () => {
    expect(logHeader('pod p1', { following: true, filter: 'all' })).toContain(`the last ${LOG_BACKFILL} lines, then following`);
  });
});

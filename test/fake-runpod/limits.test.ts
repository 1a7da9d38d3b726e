/**
 * The fake's limits are one table (limits.ts), each marked as RunPod's fact or the fake's own
 * choice: every constant says which in its comment, and the README and the module's table list every
 * constant with the same mark, so a limit added to the fake cannot pass for one of RunPod's unsaid,
 * and with its value, so a limit changed in the code cannot leave the tables saying the old one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import * as limits from './limits';

const SOURCE = fs.readFileSync(path.join(__dirname, 'limits.ts'), 'utf8');
const README = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8');
const MARKS = ['RunPod documents', "the fake's own choice"] as const;

/**
 * A value cell as a number: `65,535`, `16 MiB` (its bytes), `30 x minute` (the factor); a `, exclusive`
 * after it says how the bound is read, not the number. NaN for any other wording, so it fails the compare.
 */
function cellValue(cell: string): number {
  const m = /^([0-9][0-9,]*)( MiB| x minute)?(, exclusive)?$/.exec(cell);
  if (!m) return Number.NaN;
  const n = Number(m[1]!.replace(/,/g, ''));
  return m[2] === ' MiB' ? n * 1024 * 1024 : n;
}

/** Each table row's constant, value and mark, from `| NAME | value | mark (why) |` lines. */
function rows(text: string): Map<string, { value: number; mark: string }> {
  const out = new Map<string, { value: number; mark: string }>();
  for (const line of text.split('\n')) {
    const cells = line.replace(/^ \* /, '').split('|').map((c) => c.trim());
    if (cells.length < 4 || !/^[A-Z][A-Z0-9_]+$/.test(cells[1]!)) continue;
    out.set(cells[1]!, { value: cellValue(cells[2]!), mark: MARKS.find((m) => cells[3]!.startsWith(m)) ?? `no mark: ${cells[3]}` });
  }
  return out;
}

/** Each exported constant's mark, from the first words of its doc comment. */
function commentMarks(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of SOURCE.matchAll(/\/\*\*((?:(?!\/\*\*)[\s\S])*?)\*\/\s*export const ([A-Z0-9_]+)/g)) {
    const text = m[1]!.replace(/^\s*\*\s?/gm, ' ').trim().toLowerCase();
    out.set(m[2]!, MARKS.find((mark) => text.startsWith(mark.toLowerCase())) ?? `no mark: ${text.slice(0, 40)}`);
  }
  return out;
}

it('every limit says in its comment whether RunPod documents it or the fake chose it', () => {
  const marks = commentMarks();
  expect([...marks.keys()].sort()).toEqual(Object.keys(limits).sort());
  for (const [name, mark] of marks) expect(MARKS, name).toContain(mark);
});

it('the module table and the README table list every limit, with its value and the mark of its comment', () => {
  const expected = Object.fromEntries([...commentMarks()].map(([name, mark]) => [name, { value: (limits as Record<string, number>)[name], mark }]));
  expect(Object.fromEntries(rows(SOURCE))).toEqual(expected);
  expect(Object.fromEntries(rows(README.slice(README.indexOf('## Limits'))))).toEqual(expected);
});

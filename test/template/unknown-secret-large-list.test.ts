/**
 * unknown-secret against a very large secret list: each unknown name's "did you mean" searched
 * every name of the list, lower-casing and stripping each one again per search (100,000 names of a
 * list differing only by case and `-`/`_`, a document of 400 distinct typos: a minute of a
 * server answering nothing). The names are read once per list now; the answers are the same as
 * a plain search's: a reference implementation below, written for reading, not speed, is the
 * judge (on seeded generated lists, and on samples of the large one).
 * The test timeout is a bound against that hang, not a measure of speed.
 */
import { describe, expect, it } from 'vitest';
import { analyze, closestName, type SecretCatalog } from '../../server/src/template';
import { sameNameLoosely } from '../../server/src/template/names';

/** Optimal-string-alignment distance, the whole matrix. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const loose = (s: string): string => s.replace(/[-_./]/g, '').toLowerCase();

/** The rule as names.ts documents it: exact, then case, then case and separators, then the first nearest within a third of the length (1 to 3 edits). */
function referenceSame(name: string, known: readonly string[]): string | undefined {
  if (name === '') return undefined;
  return (
    known.find((k) => k === name) ??
    known.find((k) => k.toLowerCase() === name.toLowerCase()) ??
    (loose(name) === '' ? undefined : known.find((k) => loose(k) === loose(name)))
  );
}

function referenceClosest(name: string, known: readonly string[]): string | undefined {
  if (name === '' || known.length === 0) return undefined;
  const same = referenceSame(name, known);
  if (same !== undefined) return same;
  const max = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const k of known) {
    // At least the difference in length apart: no need to align those.
    if (Math.abs(k.length - name.length) > max) continue;
    const d = osa(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** A seeded generator (mulberry32): the same inputs every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('closestName and sameNameLoosely agree with a plain search', () => {
  it('on seeded lists of look-alike names and their typos', () => {
    const next = random(16);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    // Few letters, both cases and every separator: many names tie by case, separators and distance.
    const word = (): string => Array.from({ length: 1 + Math.floor(next() * 9) }, () => pick([...'abcAB_-./'])).join('');
    const typo = (s: string): string => {
      const at = Math.floor(next() * (s.length + 1));
      const edit = pick(['insert', 'drop', 'swap', 'change', 'case']);
      if (edit === 'insert') return s.slice(0, at) + pick([...'abc_']) + s.slice(at);
      if (edit === 'drop') return s.slice(0, at) + s.slice(at + 1);
      if (edit === 'swap') return s.slice(0, at) + s.slice(at + 1, at + 2) + s.slice(at, at + 1) + s.slice(at + 2);
      if (edit === 'change') return s.slice(0, at) + pick([...'abcC']) + s.slice(at + 1);
      return s.toUpperCase();
    };
    for (let list = 0; list < 40; list++) {
      const known = Array.from({ length: Math.floor(next() * 60) }, word);
      for (let q = 0; q < 40; q++) {
        const name = known.length > 0 && next() < 0.7 ? typo(typo(pick(known))) : word();
        expect([name, closestName(name, known)]).toEqual([name, referenceClosest(name, known)]);
        expect([name, sameNameLoosely(name, known)]).toEqual([name, referenceSame(name, known)]);
      }
    }
  });
});

describe('closestName breaks ties as a plain search does', () => {
  it('keeps the first of the names equally near, at 2 and 3 edits as at 1 (seeded lists of same-length names of two letters)', () => {
    // Two letters and one length: most names are at the same distance as several others, so a
    // search that let a later name of equal distance replace the first one fails here.
    const next = random(7);
    for (let list = 0; list < 40; list++) {
      const length = 6 + Math.floor(next() * 4);
      const word = (): string => Array.from({ length }, () => (next() < 0.5 ? 'a' : 'b')).join('');
      const known = Array.from({ length: 2 + Math.floor(next() * 12) }, word);
      for (let q = 0; q < 20; q++) {
        const name = word();
        expect([name, known, closestName(name, known)]).toEqual([name, known, referenceClosest(name, known)]);
      }
    }
    expect(closestName('hf_token_aa', ['hf_token_xy', 'hf_token_zw'])).toBe('hf_token_xy');
  });
});

const COUNT = 25_000;
const NAMES: string[] = [];
for (let i = 0; i < COUNT; i++) NAMES.push(`hf-token-${i}`, `HF_TOKEN_${i}`, `hf_token_${i}`, `Hf-Token-${i}`);
const CATALOG: SecretCatalog = { state: 'fresh', secrets: NAMES.map((name) => ({ name, description: null, createdAt: null, valueLastUpdatedAt: null })) };
const TYPOS = 400;

describe('unknown-secret against 100,000 secrets', () => {
  it('suggests for 400 distinct typos, the same names a plain search of the list finds', { timeout: 30_000 }, () => {
    const typos = Array.from({ length: TYPOS }, (_, i) => `hf_tokn_${i * 25}`);
    const text = typos.map((name, i) => `K${i}={{ RUNPOD_SECRET_${name} }}`).join('\n');
    const problems = analyze(text, 'runpod-env', CATALOG).problems.filter((p) => p.code === 'unknown-secret');
    expect(problems).toHaveLength(TYPOS);
    const suggestions = problems.map((p) => (p.data as { suggestion?: string }).suggestion);
    // The plain search is slow on 100,000 names: every 100th typo is judged by it.
    for (let i = 0; i < TYPOS; i += 100) expect([typos[i], suggestions[i]]).toEqual([typos[i], referenceClosest(typos[i]!, NAMES)]);
    // Every tier against the large list, as against a small one.
    for (const name of ['HF-TOKEN-7', 'hf.token.7', 'hf_token_7', 'zz']) expect([name, closestName(name, NAMES)]).toEqual([name, referenceClosest(name, NAMES)]);
  });
});

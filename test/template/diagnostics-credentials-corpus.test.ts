/**
 * hardcoded-credential measured on the labelled corpus (test/template/credentials-corpus): about
 * 330 credentials in their providers' formats and 200 look-alikes, fresh random parts on every run.
 * Precision and recall are asserted as floors, per category and overall; a failure prints the
 * table and every line scored wrongly.
 */
import { describe, expect, it } from 'vitest';
import { analyze, codeActions } from '../../server/src/template';
import { extractValue } from '../../client/src/commands/createFromValueLogic';
import { buildCorpus, formatScores, scoreCorpus, type CorpusLine, type Scores } from './credentials-corpus';
import { line } from './credentials-corpus/line';
import { ALNUM, chars } from './credentials-corpus/random';
import { unknown, type Span } from './types';

/** The span "Move value into a RunPod secret" replaces, for the problem at `at`. */
function moveSpan(text: string, at: Span): Span {
  const command = codeActions(text, at, 'runpod-env', unknown)[0]?.command;
  if (command?.command !== 'runpod.secrets.createFromValue') throw new Error(`no move action: ${JSON.stringify(command)}`);
  return command.span;
}

function problems(text: string) {
  return analyze(text, 'runpod-env', unknown).problems.filter((p) => p.code === 'hardcoded-credential');
}

const corpus = buildCorpus();
const scores = scoreCorpus(corpus, (l) => problems(l.text).map((p) => p.span));

/** Recall floors: the issue's 0.75 for every category, higher where a format leaves no excuse. */
const RECALL_FLOOR: Record<string, number> = { password: 0.75 };
const DEFAULT_RECALL_FLOOR = 0.9;
const PRECISION_FLOOR = 0.9;

function report(s: Scores): string {
  const show = (l: CorpusLine) => `  [${l.category}] ${JSON.stringify(l.text.length > 200 ? `${l.text.slice(0, 200)}…` : l.text)}`;
  return [formatScores([['rule', s]]), 'missed:', ...s.misses.map(show), 'false alarms:', ...s.falseAlarms.map(show)].join('\n');
}

describe('hardcoded-credential on the labelled corpus', () => {
  it('holds 500+ lines, each with a category, credentials marked where they sit', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    for (const l of corpus) {
      expect(l.text.slice(l.valueStart, l.valueStart + l.value.length)).toBe(l.value);
      if (l.positive) expect(l.secret!.end).toBeGreaterThan(l.secret!.start);
    }
  });

  it('overall: recall >= 0.90 at precision >= 0.95', () => {
    expect(scores.overall.recall, report(scores)).toBeGreaterThanOrEqual(0.9);
    expect(scores.overall.precision, report(scores)).toBeGreaterThanOrEqual(0.95);
  });

  it('every category: recall and precision above its floor', () => {
    const below = scores.categories.filter(
      (c) => (c.positives > 0 && c.recall < (RECALL_FLOOR[c.category] ?? DEFAULT_RECALL_FLOOR)) || c.precision < PRECISION_FLOOR,
    );
    expect(below.map((c) => c.category), report(scores)).toEqual([]);
  });

  it('the message never holds 8 characters in a row of the value', () => {
    const leaks: string[] = [];
    for (const l of corpus.filter((c) => c.positive)) {
      for (const p of problems(l.text)) {
        for (let i = 0; i + 8 <= l.value.length; i++) {
          if (p.message.includes(l.value.slice(i, i + 8))) {
            leaks.push(`${l.key}: ${p.message}`);
            break;
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe('hardcoded-credential: a password inside a URL', () => {
  it('marks the password and moves the whole URL into the secret', () => {
    const password = chars(ALNUM, 20);
    const l = line('url', 'DATABASE_URL', `postgresql+psycopg2://app:${password}@db.internal:5432/app`, true, password);
    const [p] = problems(l.text);
    expect(l.text.slice(p!.span.start, p!.span.end)).toBe(password);
    expect(p!.message).toContain('password in a URL');
    const [action] = codeActions(l.text, p!.span, 'runpod-env', unknown);
    expect(action!.title).toBe('Move value into a RunPod secret...');
    const span = moveSpan(l.text, p!.span);
    // The quick fix reads the value under the action's span with the file kind's own decoder.
    const extracted = extractValue(l.text, 'runpod-env', span);
    expect(extracted).toMatchObject({ ok: true, value: l.value });
  });

  it('works for a quoted value with a percent-encoded password too', () => {
    const text = `REDIS_URL="rediss://:Sx%40${chars(ALNUM, 12)}%21@cache:6380/0"`;
    const [p] = problems(text);
    expect(text.slice(p!.span.start, p!.span.end)).toMatch(/^Sx%40[A-Za-z0-9]{12}%21$/);
    const span = moveSpan(text, p!.span);
    expect(text.slice(span.start, span.end)).toBe(text.slice('REDIS_URL="'.length, -1));
  });
});

/**
 * The RunPod views share one side bar: VS Code stacks every welcome whose `when` holds, view under
 * view, and renders a line that is only a link as a button. Signed out, the Secrets, Pods and
 * Endpoints views each offered Set API Key: three identical buttons one above the other. Here every
 * combination of the context keys the welcomes read is enumerated, and each command's button is
 * counted over the whole side bar. That each view still offers both as a link in its sentence is
 * manifest.test.ts's check.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const views: string[] = pkg.contributes.views.runpod.map((v: { id: string }) => v.id);
const welcome: { view: string; contents: string; when: string }[] = pkg.contributes.viewsWelcome.filter((w: { view: string }) => views.includes(w.view));

type Context = Record<string, string | number | undefined>;

/** A `when` clause of the forms the welcomes use: `a || b`, `a && b`, `!key`, `key == value`. */
function holds(when: string, context: Context): boolean {
  return when.split('||').some((any) =>
    any.split('&&').every((term) => {
      const t = term.trim();
      if (t.startsWith('!')) return !context[t.slice(1).trim()];
      const eq = /^([\w.]+)\s*==\s*(\S+)$/.exec(t);
      if (eq) return String(context[eq[1]!]) === eq[2];
      throw new Error(`a when clause this test cannot read: ${t}`);
    }),
  );
}

/** The commands of the welcome's buttons: lines that are a link and nothing else. */
function buttons(contents: string): string[] {
  return contents.split('\n').flatMap((line) => /^\[[^\]]+\]\(command:([\w.]+)\)$/.exec(line.trim())?.[1] ?? []);
}

/** Every combination of the states of the context keys the welcomes read. */
function contexts(): Context[] {
  const keys = [...new Set(welcome.flatMap((w) => [...w.when.matchAll(/[a-z][\w]*\.[\w.]+/g)].map((m) => m[0])))];
  const values: Record<string, (string | number | undefined)[]> = {
    'runpod.secrets.state': [undefined, 'signed-out', 'untrusted', 'loading', 'fresh', 'stale', 'error', 'not-refreshed'],
  };
  let all: Context[] = [{}];
  for (const key of keys) {
    const options = values[key] ?? (key.endsWith('.count') ? [undefined, 0, 3] : undefined);
    if (!options) throw new Error(`no states known for ${key}`);
    all = all.flatMap((c) => options.map((v) => ({ ...c, [key]: v })));
  }
  return all;
}

describe('RunPod side bar welcomes', () => {
  it('offer each action as at most one button, whatever combination of context keys holds; signed out, exactly one Set API Key', () => {
    const states = contexts();
    expect(states.length).toBeGreaterThan(8);
    for (const context of states) {
      const shown = welcome.filter((w) => holds(w.when, context)).flatMap((w) => buttons(w.contents));
      const repeated = shown.filter((c, i) => shown.indexOf(c) !== i);
      expect(repeated, JSON.stringify(context)).toEqual([]);
      const signedOut = context['runpod.secrets.state'] === undefined || context['runpod.secrets.state'] === 'signed-out';
      expect(shown.filter((c) => c === 'runpod.setApiKey').length, JSON.stringify(context)).toBe(signedOut ? 1 : 0);
      if (context['runpod.secrets.state'] === 'untrusted') expect(shown.filter((c) => c === 'workbench.trust.manage')).toHaveLength(1);
    }
  });
});

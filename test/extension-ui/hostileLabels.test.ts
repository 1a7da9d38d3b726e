/**
 * Names a repository (file names) or a server (secret, template, Pod, endpoint names) controls, in
 * every label, title and dialog line the editor shows: through the one display rule, so no escape
 * sequence or bidi override acts, no line break adds a fake line to a destructive dialog, no
 * `$(icon)` code draws an icon or fake status in a quick pick, and 5,000 characters stay a label.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { deleteWarningDetail } from '../../client/src/commands/deleteFlow';
import { historyTitle } from '../../client/src/commands/history';
import { renderSecretDocument } from '../../client/src/commands/secretDocument';
import { logTargetItems } from '../../client/src/commands/showLogs';
import { podPickItem, terminateDetail } from '../../client/src/commands/podActions';
import { secretPickItem } from '../../client/src/commands/pickSecret';
import { templateSourceItems } from '../../client/src/launch/ui/launchWizard';
import { describeUse, type AccountUse } from '../../client/src/secrets/accountUsages';
import { renameReport, templatePatches, templatePatchLine, type RenameProgress } from '../../client/src/secrets/renamePlan';
import type { SecretUsages } from '../../client/src/secrets/references';
import type { Pod, Secret, Template } from '../../client/src/runpod/types';
import { nameLabel, pathLabel, pickName } from '../../client/src/ui/plainName';
import { INVISIBLE_CHARS, namesWith, VISIBLE_NAMES } from '../helpers/invisibleChars';
import { fileLabel } from '../../client/src/workspaceText';
import { Uri } from './vscodeFake';
import { summaryRow } from '../../client/src/ui/summaryStep';
import { secretNode } from '../../client/src/views/nodes';
import { describePod } from '../../client/src/views/pods/podNodes';
import { logTerminalName } from '../../client/src/logs/ui/logTerminal';

const LONG = 'n'.repeat(5000);
/** Each a name a hostile repository or API server may hand over. */
const HOSTILE = {
  esc: 'a\u001b[2Kb',
  csi: 'a\u009b31mb',
  osc: 'a\u001b]52;c;ZXZpbA==\u0007b',
  bidi: 'invoice\u202Etxt.exe',
  newline: 'a\n  • template "safe": nothing happens',
  icon: '$(alert) Build failed',
  long: LONG,
};
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A `$(name)` VS Code would draw as an icon: not preceded by its escape, a backslash. */
const LIVE_ICON = /(?<!\\)\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

function expectOneSafeLine(text: string): void {
  expect(text).not.toMatch(UNSAFE);
  expect(text.length).toBeLessThanOrEqual(400);
}

/** The icons a quick pick text draws, besides the ones the extension put there itself. */
function liveIcons(text: string): string[] {
  return text.match(LIVE_ICON) ?? [];
}

describe.each(Object.entries(HOSTILE))('a hostile name (%s)', (_what, name) => {
  it('the Secrets tree label is one safe line, at most 200 characters', () => {
    const node = secretNode({ id: 's1', name, createdAt: '2026-09-01T12:00:00Z', description: name } as Secret);
    expectOneSafeLine(node.label);
    expect(node.label.length).toBeLessThanOrEqual(200);
    expectOneSafeLine(node.description);
  });

  it('the Pods tree label and description are one safe line; the tooltip has only its own line breaks', () => {
    const node = describePod({ id: 'p1', name, image: name, status: 'RUNNING', actions: [], cloud: 'SECURE', env: {}, createdAt: '', gpu: { id: name, count: 1 }, ssh: { command: `ssh ${name}` } } as Pod);
    expectOneSafeLine(node.label);
    expectOneSafeLine(node.description);
    expect(node.tooltip).not.toMatch(UNSAFE_BUT_LF);
    // Split at its own hard breaks, no line holds another break (the last, now Image: with the SSH command dropped, ends without one).
    expect(node.tooltip.split('  \n').every((line) => !line.includes('\n'))).toBe(true);
  });

  it("Terminate Pod's confirmation is one safe line", () => {
    const pod = { id: name, name, image: '', status: 'RUNNING', actions: [], cloud: 'SECURE', env: {}, createdAt: '', gpu: { id: name, count: 1 } } as Pod;
    expect(terminateDetail(pod)).not.toMatch(UNSAFE);
  });

  it('Show Logs, Pod action and Launch Pod picks draw only their own icons', () => {
    const pod = { id: 'p1', name, image: name, status: 'RUNNING', actions: [], cloud: 'SECURE', env: {}, createdAt: '', gpu: { id: name, count: 1 } } as Pod;
    const items = [
      ...logTargetItems([pod], [{ id: 'e1', name }]).filter((i) => i.kind === undefined),
      podPickItem(pod),
      secretPickItem({ id: 's1', name, createdAt: '', description: name } as Secret, 0),
      ...templateSourceItems([{ id: 't1', name, image: name, env: {} } as unknown as Template], [], async () => ({ kind: 'refused' as const, message: 'unused' })).filter((i) => i.kind === undefined),
    ];
    for (const item of items) {
      for (const text of [item.label, item.description ?? '', item.detail ?? '']) {
        expectOneSafeLine(text);
        expect(liveIcons(text).filter((icon) => icon !== '$(vm)' && icon !== '$(server-process)' && icon !== '$(cloud)')).toEqual([]);
        expect(liveIcons(text).length).toBeLessThanOrEqual(1);
      }
    }
  });

  it("a launch or deploy summary line naming it draws only the summary's own warning icon", () => {
    const row = summaryRow(`  Pod: ${name}`, true);
    // Not cut: a summary line is ours and may be long; VS Code ends an overlong row with an ellipsis.
    expect(row.label).not.toMatch(UNSAFE);
    expect(liveIcons(row.label)).toEqual(['$(warning)']);
    expect(row.label.startsWith('  $(warning) Pod: ')).toBe(true);
  });

  it("Rename Secret's dialog keeps one line per account template it updates, each safe", () => {
    const templates = [{ id: name, name, image: 'i', env: { [name]: '{{ RUNPOD_SECRET_old }}', B: '1' } } as unknown as Template];
    const line = templatePatchLine(templatePatches(templates, 'old', 'new')[0]!);
    expect(line).not.toMatch(UNSAFE);
    // Three names of at most 200 characters each, and the line's own words.
    expect(line.length).toBeLessThanOrEqual(700);
    expect(line.startsWith('• ')).toBe(true);
  });

  it("Rename Secret's closing report names account templates by the label rule: no line of the server's choosing", () => {
    const reportOf = (template: string) =>
      renameReport({
        from: 'old',
        to: 'new',
        created: true,
        workspace: { kind: 'none' },
        templates: { updated: [template], failed: [{ name: template, reason: 'RunPod refused it' }], skipped: [template] },
        old: { kind: 'kept', reason: 'still used' },
      } as RenameProgress);
    const lines = reportOf(name).detail.split('\n');
    for (const line of lines) expectOneSafeLine(line);
    // As many lines as with a plain name: a line break in one adds none.
    expect(lines).toHaveLength(reportOf('plain').detail.split('\n').length);
  });

  it('the Secret History tab title is one safe line', () => {
    expectOneSafeLine(historyTitle(name));
    expect(historyTitle(name)).not.toContain('/');
  });

  it("a log terminal's tab title is one safe line, a worker's keeping its worker id however long the endpoint's name", () => {
    expectOneSafeLine(logTerminalName({ kind: 'pod', podId: 'p1', name }));
    const worker = logTerminalName({ kind: 'worker', endpointId: 'e1', workerId: 'w1', name });
    expectOneSafeLine(worker);
    expect(worker).toMatch(/\/w1$/);
  });

  it("Delete Secret's dialog keeps one bullet per place, each one safe line", () => {
    const usages: SecretUsages = {
      files: [{ path: `pods/${name}.runpod.env`, uri: 'file:///w/x', hits: [{ line: 0, column: 0, key: 'HF' }] } as SecretUsages['files'][number]],
      account: [
        { kind: 'template', id: 't1', name, keys: ['HF'], notSubstituted: [] },
        { kind: 'pod', id: 'p1', name, keys: ['HF'], notSubstituted: [], status: 'RUNNING', boot: 'active' },
        { kind: 'endpoint', id: 'e1', name, keys: ['HF'], notSubstituted: [] },
      ],
      accountUnchecked: [],
    };
    const detail = deleteWarningDetail(name, usages);
    const lines = detail.split('\n');
    expect(lines.filter((l) => l.startsWith('  •'))).toHaveLength(4);
    for (const line of lines) expectOneSafeLine(line);
    expect(lines[0]).toMatch(/is still referenced in 4 places:$/);
  });

  it('View Secret lists one item per place, each on one line', () => {
    const usages: SecretUsages = {
      files: [{ path: `pods/${name}.runpod.env`, uri: 'file:///w/x', hits: [{ line: 0, column: 0, key: 'HF' }] } as SecretUsages['files'][number]],
      account: [{ kind: 'template', id: 't1', name, keys: ['HF'], notSubstituted: [] }],
      accountUnchecked: [],
    };
    const doc = renderSecretDocument({ id: 's1', name, createdAt: '2026-09-01T12:00:00Z' } as Secret, usages);
    const used = doc.slice(doc.indexOf('## Where it is used'));
    const items = used.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(2);
    expect(used.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('- ') && !l.startsWith('#'))).toEqual([]);
    expect(doc).not.toMatch(UNSAFE_BUT_LF);
    expect(doc.split('\n')[0]).toMatch(/^# /);
    expect(doc.split('\n')[1]).toBe('');
  });
});

const UNSAFE_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('the label rule itself', () => {
  it('shows escapes instead of acting on them, and a path keeps its line break visible', () => {
    expect(nameLabel('a\u001b[2Kb')).toBe('a\\u001b[2Kb');
    expect(describeUse({ kind: 'template', name: 'x\u202Ey' })).toBe('template "x\\u202ey"');
  });

  it('a file named in a message keeps its line break visible, as the path rule shows it (fileLabel, not a space)', () => {
    const shown = fileLabel(Uri.from({ scheme: 'file', path: '/w/a\nb.runpod.env' }) as never);
    expect(shown).not.toMatch(UNSAFE);
    expect(shown).toContain('a\\u000ab.runpod.env');
  });

  it('a quick pick shows a name\'s $(icon) as typed, its own escape included', () => {
    expect(pickName('$(alert) x')).toBe('\\$(alert) x');
    // `\$(alert)` typed: escaped once more, VS Code shows the backslash and the code as typed.
    expect(pickName('\\$(alert)')).toBe('\\\\$(alert)');
    // Not an icon code: left as typed, no stray backslash.
    expect(pickName('$(not an icon)')).toBe('$(not an icon)');
  });

  it('cuts 5,000 characters to 200, the ellipsis counted', () => {
    expect(nameLabel(LONG)).toHaveLength(200);
    expect(nameLabel(LONG).endsWith('…')).toBe(true);
  });

  it('a use on the account names its kind with a safe, bounded name', () => {
    const use: AccountUse = { kind: 'pod', id: 'p', name: LONG, keys: [], notSubstituted: [], status: 'RUNNING' };
    expect(describeUse(use).length).toBeLessThanOrEqual(230);
  });
});

describe('an invisible character in a name (the display rule\'s table, as in the core\'s messages)', () => {
  it('labels and picks show it as its escape, so `pr\\u200bod` cannot pass for `prod`', () => {
    for (const [name, shown] of INVISIBLE_CHARS.flatMap(namesWith)) {
      expect(nameLabel(name), name).toBe(shown);
      expect(pickName(name), name).toBe(shown);
      expect(pathLabel(name), name).toBe(shown);
      expect(logTerminalName({ kind: 'pod', podId: 'p1', name }), name).toBe(`RunPod logs: ${shown}`);
    }
  });
  it('accents, emoji sequences and keycaps stay as written', () => {
    for (const name of VISIBLE_NAMES) {
      expect(nameLabel(name)).toBe(name);
      expect(pathLabel(name)).toBe(name);
    }
  });
  it("a log terminal's title cut short ends in an ellipsis and never splits an emoji in two", () => {
    const title = logTerminalName({ kind: 'pod', podId: 'p1', name: `${'x'.repeat(59)}🚀rest` });
    expect(title).toMatch(/…$/);
    expect(title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

/** The manifest's Pods menus must match the contextValues the view really sets. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Pod, PodAction } from '../../client/src/runpod/types';
import { describePod } from '../../client/src/views/pods/podNodes';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const itemMenus: { command: string; when: string; group: string }[] = pkg.contributes.menus['view/item/context'];

/** Evaluates the `viewItem =~ /.../` part of a when clause against a contextValue. */
function offered(command: string, contextValue: string): boolean {
  return itemMenus
    .filter((m) => m.command === command && m.when.includes('view == runpod.pods'))
    .some((m) => {
      const match = /viewItem =~ \/(.+)\/$/.exec(m.when);
      return match ? new RegExp(match[1]!).test(contextValue) : false;
    });
}

const pod = (status: Pod['status'], actions: PodAction[]): Pod => ({ id: 'p', name: 'n', image: 'i', status, actions, cloud: 'SECURE', env: {}, createdAt: '' });

describe('Pods view menus', () => {
  it.each([
    ['RUNNING', ['stop', 'restart', 'terminate'], { stop: true, start: false, restart: true, terminate: true }],
    ['EXITED', ['start', 'terminate'], { stop: false, start: true, restart: false, terminate: true }],
    ['PROVISIONING', ['stop', 'terminate'], { stop: true, start: false, restart: false, terminate: true }],
    ['TERMINATED', [], { stop: false, start: false, restart: false, terminate: false }],
  ] as const)('a %s Pod offers exactly its allowed actions', (status, actions, expected) => {
    const contextValue = describePod(pod(status, [...actions])).contextValue;
    expect({
      stop: offered('runpod.pods.stop', contextValue),
      start: offered('runpod.pods.start', contextValue),
      restart: offered('runpod.pods.restart', contextValue),
      terminate: offered('runpod.pods.terminate', contextValue),
    }).toEqual(expected);
  });

  it('offers Copy SSH Command exactly on Pods that have an SSH command, whatever their actions', () => {
    const withSsh = (status: Pod['status'], actions: PodAction[]) =>
      describePod({ ...pod(status, actions), ssh: { command: 'ssh root@203.0.113.5 -p 22022' } }).contextValue;
    expect(offered('runpod.pods.copySsh', withSsh('RUNNING', ['stop', 'restart', 'terminate']))).toBe(true);
    expect(offered('runpod.pods.copySsh', withSsh('RUNNING', []))).toBe(true);
    expect(offered('runpod.pods.copySsh', describePod(pod('RUNNING', ['stop', 'terminate'])).contextValue)).toBe(false);
    // The actions still match with the ssh flag after them.
    expect(offered('runpod.pods.terminate', withSsh('RUNNING', ['stop', 'terminate']))).toBe(true);
  });

  it('contributes the commands with the titles of the issue, in category RunPod', () => {
    const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, `${c.category}: ${c.title}`]));
    expect(titles['runpod.launchPod']).toBe('RunPod: Launch Pod...');
    expect(titles['runpod.pushTemplate']).toBe('RunPod: Push Template...');
    expect(titles['runpod.pods.stop']).toBe('RunPod: Stop Pod');
    expect(titles['runpod.pods.start']).toBe('RunPod: Start Pod');
    expect(titles['runpod.pods.restart']).toBe('RunPod: Restart Pod');
    expect(titles['runpod.pods.terminate']).toBe('RunPod: Terminate Pod');
    expect(titles['runpod.pods.copySsh']).toBe('RunPod: Copy SSH Command');
    expect(pkg.contributes.views.runpod.map((v: { id: string }) => v.id)).toContain('runpod.pods');
  });
});

describe('Command Palette and welcome content', () => {
  const palette: { command: string; when: string }[] = pkg.contributes.menus.commandPalette;

  it('no palette entry depends on a view or tree item, which the palette never has', () => {
    const viewBound = palette.filter((m) => /\bview(Item)?\b/.test(m.when)).map((m) => m.command);
    expect(viewBound).toEqual([]);
    expect(palette.find((m) => m.command === 'runpod.pods.refresh')).toBeUndefined(); // shown always, like runpod.secrets.refresh
  });

  it('no two palette titles differ only by a plural: "Show Log" (the output channel) beside "Show Logs" (a Pod\'s log) sent users to the wrong one', () => {
    const titles: string[] = pkg.contributes.commands.map((c: { title: string }) => c.title.toLowerCase());
    expect(titles.filter((t) => titles.includes(`${t}s`))).toEqual([]);
  });

  it('no palette title is another one with words added: "RunPod: Refresh" (the secrets) beside "RunPod: Refresh Pods" read as refreshing everything', () => {
    const hidden = new Set(palette.filter((m) => m.when === 'false').map((m) => m.command));
    const titles: string[] = pkg.contributes.commands.filter((c: { command: string }) => !hidden.has(c.command)).map((c: { title: string }) => c.title);
    expect(titles.filter((t) => titles.some((other) => other.startsWith(`${t} `)))).toEqual([]);
  });

  it("a title ends in '...' exactly when the command asks for more before it acts, as VS Code's own titles do", () => {
    // More: something typed (a name, a value, a URL, a secret's name as confirmation), or a choice
    // that is the command's whole point (an account, keys to import, a wizard, Push Template's
    // environment and its update summary). Not more: a yes/no confirmation alone (Terminate Pod), or
    // the picker that stands in for the tree item or file the command acts on when it is run from the
    // palette (Copy Reference, Stop Pod).
    const asks = [
      'runpod.secrets.create',
      'runpod.secrets.editValue',
      'runpod.secrets.editDescription',
      'runpod.secrets.delete',
      'runpod.secrets.rename',
      'runpod.secrets.rotate',
      'runpod.secrets.createFromValue',
      'runpod.secrets.valueFromFile',
      'runpod.useFakeApi',
      'runpod.setApiKey',
      'runpod.addAccount',
      'runpod.switchAccount',
      'runpod.removeAccount',
      'runpod.importCliConfig',
      'runpod.launchPod',
      'runpod.pushTemplate',
      'runpod.endpoints.deploy',
      'runpod.endpoints.updateEnv',
      'runpod.endpoints.changeImage',
      'runpod.endpoints.changeWorkers',
      'runpod.endpoints.delete',
    ];
    const commands: { command: string; title: string }[] = pkg.contributes.commands;
    expect(commands.filter((c) => c.title.endsWith('...')).map((c) => c.command).sort()).toEqual([...asks].sort());
    // Three dots, as VS Code writes them, never the single character.
    expect(commands.filter((c) => c.title.includes('…')).map((c) => c.title)).toEqual([]);
  });

  it('every RunPod view has a welcome for signed out (offering Set API Key) and for an untrusted workspace: the Pods view showed a lone tree item instead', () => {
    const views: string[] = pkg.contributes.views.runpod.map((v: { id: string }) => v.id);
    const welcome: { view: string; contents: string; when: string }[] = pkg.contributes.viewsWelcome;
    for (const view of views) {
      const own = welcome.filter((w) => w.view === view);
      expect(own.find((w) => w.when.includes('signed-out'))?.contents, view).toContain('[Set API Key](command:runpod.setApiKey)');
      expect(own.find((w) => w.when === 'runpod.secrets.state == untrusted')?.contents, view).toContain('command:workbench.trust.manage');
    }
    expect(views).toEqual(['runpod.secrets', 'runpod.pods', 'runpod.endpoints']);
  });

  it('the signed-out welcome offers Set API Key and the local fake API, in plain words', () => {
    const welcome: { contents: string; when: string }[] = pkg.contributes.viewsWelcome;
    const signedOut = welcome.find((w) => w.when.includes('signed-out'))!.contents;
    expect(signedOut).toContain('[Set API Key](command:runpod.setApiKey)');
    expect(signedOut).toContain('[Use the Local Fake API](command:runpod.useFakeApi)');
    // Welcome content renders links only: backticks would show literally.
    expect(welcome.filter((w) => w.contents.includes('`'))).toEqual([]);
  });
});

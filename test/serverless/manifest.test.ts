/** The manifest's Endpoints and Show Logs contributions must match what the code really sets and registers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Endpoint, Pod, Worker } from '../../client/src/runpod/types';
import { COUNT_CONTEXT, describeEndpoint, describeWorker, EndpointContextValues } from '../../client/src/views/endpoints/endpointNodes';
import { describePod } from '../../client/src/views/pods/podNodes';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const itemMenus: { command: string; when: string; group: string }[] = pkg.contributes.menus['view/item/context'];

/** Evaluates `view == X && viewItem == Y` or `viewItem =~ /re/` against a view and a contextValue. */
function offered(command: string, view: string, contextValue: string): boolean {
  return itemMenus
    .filter((m) => m.command === command && m.when.includes(`view == ${view}`))
    .some((m) => {
      const equal = /viewItem == (\S+)/.exec(m.when);
      if (equal) return equal[1] === contextValue;
      const match = /viewItem =~ \/(.+)\/$/.exec(m.when);
      return match ? new RegExp(match[1]!).test(contextValue) : false;
    });
}

const endpoint: Endpoint = { id: 'e1', name: 'sd', type: 'QUEUE', image: 'img', env: {}, workers: { min: 0, max: 3 }, createdAt: '', version: 2 };
const worker = (isStale: boolean): Worker => ({ id: 'w1', status: 'IDLE', version: isStale ? 1 : 2, isStale });
const pod: Pod = { id: 'p', name: 'n', image: 'i', status: 'RUNNING', actions: ['stop'], cloud: 'SECURE', env: {}, createdAt: '' };

describe('Endpoints view menus', () => {
  it('an endpoint offers Update Env, Change Image and Delete; a worker (stale or not) offers Show Logs', () => {
    const e = describeEndpoint(endpoint).contextValue;
    expect(['runpod.endpoints.updateEnv', 'runpod.endpoints.changeImage', 'runpod.endpoints.delete', 'runpod.logs.show'].map((c) => offered(c, 'runpod.endpoints', e))).toEqual([true, true, true, false]);
    for (const stale of [false, true]) {
      const w = describeWorker(endpoint, worker(stale)).contextValue;
      expect(offered('runpod.logs.show', 'runpod.endpoints', w)).toBe(true);
      expect(offered('runpod.endpoints.delete', 'runpod.endpoints', w)).toBe(false);
    }
    expect(offered('runpod.endpoints.refresh', 'runpod.endpoints', EndpointContextValues.error)).toBe(true);
  });

  it('every Pod offers Show Logs, whatever its status', () => {
    for (const status of ['PROVISIONING', 'RUNNING', 'EXITED', 'ERROR'] as const) {
      expect(offered('runpod.logs.show', 'runpod.pods', describePod({ ...pod, status }).contextValue)).toBe(true);
    }
  });

  it('contributes the view and the commands with the titles of the issue, in category RunPod', () => {
    expect(pkg.contributes.views.runpod.map((v: { id: string }) => v.id)).toEqual(['runpod.secrets', 'runpod.pods', 'runpod.endpoints']);
    const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, `${c.category}: ${c.title}`]));
    expect(titles['runpod.endpoints.deploy']).toBe('RunPod: Deploy Endpoint...');
    expect(titles['runpod.endpoints.updateEnv']).toBe('RunPod: Update Env from File...');
    expect(titles['runpod.endpoints.changeImage']).toBe('RunPod: Change Image...');
    expect(titles['runpod.endpoints.delete']).toBe('RunPod: Delete Endpoint...');
    expect(titles['runpod.logs.show']).toBe('RunPod: Show Logs');
    expect(pkg.activationEvents).toContain('onView:runpod.endpoints');
  });

  it('the empty-state welcome reads the context key the view sets, and offers Deploy', () => {
    const welcome: { view: string; contents: string; when: string }[] = pkg.contributes.viewsWelcome.filter((w: { view: string }) => w.view === 'runpod.endpoints');
    expect(welcome.find((w) => w.when === `${COUNT_CONTEXT} == 0`)!.contents).toContain('[Deploy Endpoint](command:runpod.endpoints.deploy)');
    expect(welcome.find((w) => w.when.includes('signed-out'))!.contents).toContain('[Set API Key](command:runpod.setApiKey)');
  });

  it('Deploy Endpoint is in the context menus of template files and of .runpod/hub.json only', () => {
    for (const menu of ['editor/context', 'explorer/context']) {
      const when = pkg.contributes.menus[menu].find((m: { command: string }) => m.command === 'runpod.endpoints.deploy').when as string;
      // resourceFilename =~ /re/ || resourceFilename == hub.json && resourceDirname =~ /re/
      const [fileRe, dirRe] = [...when.matchAll(/=~ \/(.+?)\/(?= |$)/g)].map((m) => new RegExp(m[1]!));
      const matches = (dir: string, file: string) => fileRe!.test(file) || (file === 'hub.json' && when.includes('resourceFilename == hub.json') && dirRe!.test(dir));
      expect(matches('/w', 'sd.runpod.json')).toBe(true);
      expect(matches('/w/.runpod', 'hub.json')).toBe(true);
      expect(matches('C:\\w\\.runpod', 'hub.json')).toBe(true);
      expect(matches('/w', 'hub.json')).toBe(false);
      expect(matches('/w/.runpod', 'tests.json')).toBe(false);
    }
  });
});

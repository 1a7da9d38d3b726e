/**
 * Scaling an endpoint after its deploy: "Change Workers..." on an endpoint (its context menu and the
 * palette) asks the worker range and the idle timeout, each box opening on the endpoint's current
 * value, shows old -> new in a modal, then PATCHes the workers only (no new release: no worker
 * restarts). Before it, the editor had no way to change a deployed endpoint's workers at all.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { changeWorkersDetail } from '../../client/src/commands/changeWorkers';
import { MIN_WORKERS_BILLED } from '../../client/src/serverless/endpointBody';
import { fake, ui, type FakeQuickPick } from './vscodeFake';
import { typeNext } from './twoAccountWindow';
import { useHarness, type Harness } from './serverlessHarness';

const harness = useHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

const patchesOf = (id: string) => h.api.inspect().requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(id));
const stored = (id: string) => h.api.inspect().endpoints.find((e) => e.id === id)!;

describe('Change Workers of an endpoint', () => {
  it('asks the range and the idle timeout from the current ones, confirms old -> new, and changes only the workers', async () => {
    const created = await h.client.createEndpoint({ name: 'scaled', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 3, idleTimeout: 5 } });
    typeNext('1..4');
    typeNext('30');
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });

    expect(fake.boxes.map((b) => b.value)).toEqual(['0..3', '5']);
    const confirm = fake.messages.find((m) => m.text === 'Change the workers of endpoint scaled?')!;
    expect(confirm.detail).toContain('workers: 0..3 -> 1..4');
    expect(confirm.detail).toContain('idle timeout: 5 s -> 30 s');
    expect(stored(created.id).workers).toEqual({ min: 1, max: 4, idleTimeout: 30 });
    expect(stored(created.id).version).toBe(created.version); // no release: no worker restarts
    expect(patchesOf(created.id)).toHaveLength(1);
    expect(fake.messages.at(-1)).toMatchObject({ level: 'info', text: 'Endpoint scaled now runs 1..4 workers, idle timeout 30 s.' });
  });

  it('Back from the idle timeout returns to the range as typed, keeping a timeout typed meanwhile', async () => {
    const created = await h.client.createEndpoint({ name: 'backed', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 3, idleTimeout: 5 } });
    typeNext('1..9');
    fake.inputScript.push((box) => {
      box.type('45');
      box.pressBack();
    });
    typeNext('1..4');
    fake.inputScript.push((box) => box.accept());
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });

    expect(fake.boxes.map((b) => [b.step, b.back ?? false])).toEqual([[1, false], [2, true], [1, false], [2, true]]);
    expect(fake.boxes.map((b) => b.value)).toEqual(['0..3', '5', '1..9', '45']);
    expect(stored(created.id).workers).toEqual({ min: 1, max: 4, idleTimeout: 45 });
  });

  it('never sets an idle timeout nobody chose: a new range on an endpoint with none sends the range alone; otherwise the whole range and the timeout go', async () => {
    const created = await h.client.createEndpoint({ name: 'unset', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 3, idleTimeout: 30 } });
    // RunPod may name no idle timeout for an endpoint (its default applies): the box opens on Deploy's default.
    const read = h.client.getEndpoint.bind(h.client);
    const getEndpoint = vi.spyOn(h.client, 'getEndpoint').mockImplementation(async (id) => {
      const e = await read(id);
      const { idleTimeout: _, ...workers } = e.workers;
      return { ...e, workers };
    });
    const update = vi.spyOn(h.client, 'updateEndpoint');
    try {
      typeNext('1..4');
      // The idle box opens empty, saying RunPod's default applies; left empty, it keeps that.
      let placeholder: string | undefined;
      fake.inputScript.push((box) => {
        placeholder = box.placeholder;
        box.accept();
      });
      fake.dialogAnswers.push('Update');
      await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
      expect(fake.boxes.map((b) => b.value)).toEqual(['0..3', '']);
      expect(placeholder).toMatch(/RunPod's default/);
      const confirm = fake.messages.find((m) => m.text === 'Change the workers of endpoint unset?')!;
      expect(confirm.detail).not.toContain('idle timeout');
      expect(update).toHaveBeenLastCalledWith(created.id, { workers: { min: 1, max: 4 } });
      // Any number typed sets it, Deploy's default 5 as well (the command line can set 5 s too).
      typeNext('1..4');
      typeNext('5');
      fake.dialogAnswers.push('Update');
      await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
      const five = fake.messages.filter((m) => m.text === 'Change the workers of endpoint unset?').at(-1)!;
      expect(five.detail).toContain("idle timeout: RunPod's default -> 5 s");
      expect(update).toHaveBeenLastCalledWith(created.id, { workers: { min: 1, max: 4, idleTimeout: 5 } });
      getEndpoint.mockRestore();
      // With an idle timeout set, it goes with the new range, as it is (RunPod may replace the whole object).
      typeNext('2..4');
      typeNext('30');
      fake.dialogAnswers.push('Update');
      await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
      expect(update).toHaveBeenLastCalledWith(created.id, { workers: { min: 2, max: 4, idleTimeout: 30 } });
      // And a new idle timeout goes with the range as it is.
      typeNext('2..4');
      typeNext('60');
      fake.dialogAnswers.push('Update');
      await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
      expect(update).toHaveBeenLastCalledWith(created.id, { workers: { min: 2, max: 4, idleTimeout: 60 } });
      expect(stored(created.id).workers).toEqual({ min: 2, max: 4, idleTimeout: 60 });
    } finally {
      getEndpoint.mockRestore();
      update.mockRestore();
    }
  });

  it('says that a lower maximum stops the running workers above it, instead of "not restarted"', async () => {
    const created = await h.client.createEndpoint({ name: 'shrunk', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 3, idleTimeout: 5 } });
    typeNext('0..1');
    typeNext('5');
    fake.dialogAnswers.push(undefined);
    await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
    const confirm = fake.messages.find((m) => m.text === 'Change the workers of endpoint shrunk?')!;
    expect(confirm.detail).toContain('Lowering the maximum from 3 to 1 stops the running workers above 1');
    expect(confirm.detail).not.toContain('running workers are not restarted');
    expect(patchesOf(created.id)).toEqual([]);
  });

  it("names RunPod's default idle timeout without a unit, and keeps 's' on numbers", () => {
    const detail = changeWorkersDetail({ min: 0, max: 3 }, { min: 0, max: 3, idleTimeout: 5 })!;
    expect(detail).toContain("idle timeout: RunPod's default -> 5 s");
    expect(detail).not.toMatch(/default\)? s/);
    expect(detail).toContain('running workers are not restarted');
    expect(changeWorkersDetail({ min: 0, max: 3, idleTimeout: 5 }, { min: 0, max: 3, idleTimeout: 5 })).toBeUndefined();
    // What a warm minimum costs, in the words of the range box and the command line's help.
    expect(detail).toContain(MIN_WORKERS_BILLED);
  });

  it('refuses a range RunPod would refuse in the box, and Escape or an unchanged answer sends nothing', async () => {
    const created = await h.client.createEndpoint({ name: 'kept', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 3, idleTimeout: 5 } });
    let shown: unknown;
    fake.inputScript.push((box) => {
      box.type('4..2');
      shown = box.validationMessage;
      box.hide();
    });
    await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
    expect(shown).toMatchObject({ message: 'The minimum must not exceed the maximum.' });
    typeNext('0..3');
    typeNext('5');
    await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
    expect(fake.messages).toEqual([{ level: 'info', text: 'Endpoint kept already runs 0..3 workers, idle timeout 5 s: nothing to change.' }]);
    expect(patchesOf(created.id)).toEqual([]);
  });

  it('a switch of account at the confirmation changes nothing, and says why', async () => {
    const created = await h.client.createEndpoint({ name: 'switched', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 3, idleTimeout: 5 } });
    const accounts = h.services.accounts as { active: string };
    typeNext('2..3');
    typeNext('5');
    fake.dialogAnswers.push(() => {
      accounts.active = 'team';
      return 'Update';
    });
    try {
      await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
    } finally {
      accounts.active = 'default';
    }
    expect(patchesOf(created.id)).toEqual([]);
    expect(fake.messages.at(-1)?.text).toContain('The active RunPod account changed to team while Change Workers was open; the endpoint was not changed.');
  });

  it("a failed read of the endpoint says the update failed and nothing was changed; Retry reads it again and goes on", async () => {
    const created = await h.client.createEndpoint({ name: 'retried', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 3, idleTimeout: 5 } });
    // The client's own retries (3) fail too: the user's Retry is the fifth read.
    h.api.faults.inject({ status: 503 }, { method: 'GET', path: new RegExp(`${created.id}$`), times: 4 });
    fake.dialogAnswers.push('Retry');
    typeNext('1..4');
    typeNext('5');
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.changeWorkers', { endpointId: created.id });
    const failure = fake.messages.find((m) => m.level === 'error')!;
    expect(failure.text).toMatch(/^Could not update the endpoint: RunPod had a server error \(503\).* Nothing was changed\.$/);
    expect(failure.buttons).toEqual(['Retry', 'Show Output']);
    expect(stored(created.id).workers).toEqual({ min: 1, max: 4, idleTimeout: 5 });
  });

  it('picked from the palette: Retry after a failed read reads the picked endpoint again, without listing and picking again', async () => {
    const created = await h.client.createEndpoint({ name: 'picked-retried', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 0, max: 3, idleTimeout: 5 } });
    h.api.faults.inject({ status: 503 }, { method: 'GET', path: new RegExp(`${created.id}$`), times: 4 });
    // One pick only: a picker opened again would find no scripted step and close, ending the flow unchanged.
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('picked-retried'));
    fake.dialogAnswers.push('Retry');
    typeNext('1..4');
    typeNext('5');
    fake.dialogAnswers.push('Update');
    const listings = () => h.api.inspect().requests.filter((r) => r.method === 'GET' && r.path === '/v2/serverless').length;
    const listedBefore = listings();
    await h.run('runpod.endpoints.changeWorkers');
    expect(ui.quickPicks.filter((p) => p.title === 'RunPod: Change Workers')).toHaveLength(1);
    // One listing, for the one pick.
    expect(listings()).toBe(listedBefore + 1);
    expect(stored(created.id).workers).toEqual({ min: 1, max: 4, idleTimeout: 5 });
  });

  it('is on the endpoint context menu of the Endpoints view', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    expect(manifest.contributes.menus['view/item/context']).toContainEqual(expect.objectContaining({ command: 'runpod.endpoints.changeWorkers', when: 'view == runpod.endpoints && viewItem == runpod.endpoint' }));
  });
});

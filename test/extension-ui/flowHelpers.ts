/** A fake `Services` for driving the command flows, recording the order of sensitive/API events. */
import { vi } from 'vitest';
import type { Services, StoreState } from '../../client/src/services';
import type { Secret } from '../../client/src/runpod/types';
import { fakeLifecycle } from './lifecycleHelpers';
import { heldAccounts } from './heldAccounts';
import { bySecretName } from '../../client/src/secrets/nameOrder';

export function secret(name: string, description: string | null = null): Secret {
  return { id: `id-${name}`, name, createdAt: '2026-09-01T12:00:00Z', description, valueLastUpdatedAt: null };
}

export function fakeServices(secrets: Secret[] = [], state: StoreState = { kind: 'fresh', fetchedAt: '2026-09-01T12:00:00Z' }) {
  const events: string[] = [];
  const sensitive: string[] = [];
  const logged: string[] = [];
  const store = {
    state,
    // In name order, as SecretsStore keeps every listing it takes: the view and the picker sort nothing.
    secrets: [...secrets].sort(bySecretName) as readonly Secret[],
    // Read from `secrets` each time: a test may replace that list.
    get secretNames(): readonly string[] {
      return Object.freeze(this.secrets.map((s) => s.name));
    },
    onDidChange: () => ({ dispose() {} }),
    refresh: vi.fn(async () => {}),
    create: vi.fn(async (input: { name: string; value: string; description?: string }) => {
      events.push(`create:${input.name}`);
      return secret(input.name, input.description ?? null);
    }),
    updateValue: vi.fn(async (name: string) => {
      events.push(`updateValue:${name}`);
      return secret(name);
    }),
    updateDescription: vi.fn(async (name: string, description: string) => {
      events.push(`updateDescription:${name}`);
      return secret(name, description || null);
    }),
    delete: vi.fn(async (name: string) => {
      events.push(`delete:${name}`);
    }),
  };
  const log = {
    info: (m: string) => logged.push(m),
    warn: (m: string) => logged.push(m),
    error: (m: string) => logged.push(m),
    addSensitive: (value: string) => {
      events.push('addSensitive');
      sensitive.push(value);
    },
  };
  const api = { listTemplates: vi.fn(async () => [] as unknown[]), listPods: vi.fn(async () => [] as unknown[]) };
  const { lifecycle, index, memento } = fakeLifecycle({ listers: () => ({ template: () => api.listTemplates() as never, pod: () => api.listPods() as never }) });
  const services = {
    context: { subscriptions: [] as { dispose(): unknown }[], globalState: memento },
    store,
    log,
    getApi: async () => api,
    requireApi: async () => api,
    lifecycle,
    accounts: heldAccounts('default'),
  } as unknown as Services;
  return { services, store, events, sensitive, logged, api, lifecycle, index, memento };
}

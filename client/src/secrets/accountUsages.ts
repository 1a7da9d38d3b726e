/**
 * The account side of "where used": which templates, Pods and Serverless endpoints reference a
 * secret in their env, judged on one listing per resource type (accountScan.ts fetches and caches
 * it). Pure: the tree, View / Delete / Rename / Rotate Secret and the command line share it.
 *
 * What a reference on the account means for a secret's lifecycle (shared runpod-api.md): a
 * template or endpoint picks up a new value, or fails on a deleted secret, when a Pod or worker
 * next boots from it; a Pod reads its values when it boots, so a running Pod keeps the old value
 * until it restarts and a stopped one gets the new value when it starts.
 */
import { count, plural } from '../../../server/src/template/counts';
import type { Pod, PodStatus, Template } from '../runpod/types';
import { mayHaveReadEnv, podAllows, podPhase } from '../runpod/podStatus';
import { envKeysReferencing, referencedNames, type EnvHolder } from './references';
import { nameLabel } from '../ui/plainName';

export type AccountResourceKind = 'template' | 'pod' | 'endpoint';

/** Every kind, in the order lists and summaries show them. */
export const ACCOUNT_RESOURCE_KINDS: readonly AccountResourceKind[] = ['template', 'pod', 'endpoint'];

/** One resource type as listed: its items, or why it could not be listed. */
export type Listing<T> = { items: readonly T[] } | { error: string };

/**
 * The account's env holders as last listed. `endpoint` is absent while the API client cannot list
 * endpoints (engineer `serverless` is adding it): then endpoints are neither counted nor claimed checked.
 */
export interface AccountSnapshot {
  template: Listing<Template>;
  pod: Listing<Pod>;
  endpoint?: Listing<EnvHolder>;
}

/** Where a Pod stands for its env: `active` has read (or is reading) its values, `stopped` reads them at its next start. */
export type PodBootState = 'active' | 'stopped' | 'gone';

/**
 * The boot state of a Pod status, by runpod/podStatus.ts: one that may have read its env is
 * `active` (up, coming up, or a status RunPod adds later), TERMINATED never boots again, EXITED and ERROR boot again.
 */
export function podBootState(status: PodStatus | string): PodBootState {
  if (mayHaveReadEnv(status)) return 'active';
  return podPhase(status) === 'gone' ? 'gone' : 'stopped';
}

/** A resource on the account whose env references the secret, and the keys that do. */
export interface AccountUse {
  kind: AccountResourceKind;
  id: string;
  name: string;
  keys: string[];
  /** The keys among `keys` whose reference RunPod will not substitute (listed all the same). */
  notSubstituted: string[];
  /** Pods: the status, and what a restart or start would do. */
  status?: PodStatus;
  boot?: PodBootState;
  /** Pods: RunPod allows a restart now (podStatus.ts podAllows). */
  restartable?: boolean;
  /** Pods: launched from a template (the Pod records its `templateId`), so a new one can be launched from it. */
  fromTemplate?: boolean;
}

/** A kind of resource that could not be checked, and why. */
export interface AccountUnchecked {
  kind: AccountResourceKind;
  reason: string;
}

/** The env holders of a listing, as plain items (none for an error). */
function itemsOf<T>(listing: Listing<T> | undefined): readonly T[] {
  return listing && 'items' in listing ? listing.items : [];
}

/** The uses of `name` on the account, templates first, then Pods, then endpoints, each by name; and what could not be checked. */
export function accountUsesOf(snapshot: AccountSnapshot, name: string): { uses: AccountUse[]; unchecked: AccountUnchecked[] } {
  const uses: AccountUse[] = [];
  const add = (kind: AccountResourceKind, holder: EnvHolder, pod?: Pod): void => {
    const { keys, notSubstituted } = envKeysReferencing(holder.env, name);
    if (keys.length === 0) return;
    const use: AccountUse = { kind, id: holder.id, name: holder.name, keys, notSubstituted };
    if (pod) {
      use.status = pod.status;
      use.boot = podBootState(pod.status);
      use.restartable = podAllows(pod, 'restart');
      use.fromTemplate = typeof pod.templateId === 'string' && pod.templateId !== '';
    }
    uses.push(use);
  };
  for (const template of itemsOf(snapshot.template)) add('template', template);
  for (const pod of itemsOf(snapshot.pod)) if (podBootState(pod.status) !== 'gone') add('pod', pod, pod);
  for (const endpoint of itemsOf(snapshot.endpoint)) add('endpoint', endpoint);
  uses.sort((a, b) => ACCOUNT_RESOURCE_KINDS.indexOf(a.kind) - ACCOUNT_RESOURCE_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  return { uses, unchecked: uncheckedOf(snapshot) };
}

/** The kinds the snapshot could not list. */
export function uncheckedOf(snapshot: AccountSnapshot): AccountUnchecked[] {
  const out: AccountUnchecked[] = [];
  for (const kind of ACCOUNT_RESOURCE_KINDS) {
    const listing = snapshot[kind];
    if (listing && 'error' in listing) out.push({ kind, reason: listing.error });
  }
  return out;
}

/** How many resources of each kind reference one secret. */
export interface AccountCounts {
  templates: number;
  activePods: number;
  stoppedPods: number;
  endpoints: number;
}

const ZERO: Readonly<AccountCounts> = Object.freeze({ templates: 0, activePods: 0, stoppedPods: 0, endpoints: 0 });

/**
 * The counts of every secret at once, in one pass over the snapshot (the tree shows one per
 * secret; asking per secret would scan the account once per secret). A resource counts once per
 * secret however many of its keys reference it.
 */
export function accountCountsByName(snapshot: AccountSnapshot): Map<string, AccountCounts> {
  const counts = new Map<string, AccountCounts>();
  const tally = (env: EnvHolder['env'], field: keyof AccountCounts): void => {
    if (!env || typeof env !== 'object') return;
    const names = new Set<string>();
    for (const value of Object.values(env)) if (typeof value === 'string') for (const n of referencedNames(value)) names.add(n);
    for (const n of names) {
      const entry = counts.get(n) ?? { ...ZERO };
      entry[field]++;
      counts.set(n, entry);
    }
  };
  for (const template of itemsOf(snapshot.template)) tally(template.env, 'templates');
  for (const pod of itemsOf(snapshot.pod)) {
    const state = podBootState(pod.status);
    if (state !== 'gone') tally(pod.env, state === 'active' ? 'activePods' : 'stoppedPods');
  }
  for (const endpoint of itemsOf(snapshot.endpoint)) tally(endpoint.env, 'endpoints');
  return counts;
}

/** `A, B (not substituted)`: the keys of a use as lists show them. */
export function describeUseKeys(use: Pick<AccountUse, 'keys' | 'notSubstituted'>): string {
  return use.keys.map((k) => (use.notSubstituted.includes(k) ? `${k} (not substituted)` : k)).join(', ');
}

/**
 * `template "trainer"`, `Pod "train-1" (RUNNING)`, `endpoint "sdxl"`: a use as one phrase. The
 * name is the API's: shown by the label rule (one line, escapes visible, bounded) wherever the phrase goes.
 */
export function describeUse(use: Pick<AccountUse, 'kind' | 'name' | 'status'>): string {
  return `${KIND_ONE[use.kind]} ${quotedUse(use)}`;
}

/** `Templates "a", "b"`, `Pod "s" (EXITED)`: uses of one kind, the noun once, capitalised to open a sentence. */
export function describeUsesOfKind(kind: AccountResourceKind, uses: readonly Pick<AccountUse, 'name' | 'status'>[]): string {
  const noun = plural(uses.length, KIND_ONE[kind], kindPlural(kind));
  return `${noun[0]!.toUpperCase()}${noun.slice(1)} ${uses.map((use) => quotedUse({ ...use, kind })).join(', ')}`;
}

/** `"train-1" (RUNNING)`: the name by the label rule, and a Pod's status. */
function quotedUse(use: Pick<AccountUse, 'kind' | 'name' | 'status'>): string {
  return `"${nameLabel(use.name)}"${use.kind === 'pod' && use.status ? ` (${nameLabel(use.status)})` : ''}`;
}

/**
 * The first `max` uses by name, the rest counted by kind (`and 2 more (1 Pod, 1 endpoint)`): a
 * long list stays short without hiding what kind of resource is left out.
 */
export function describeUses(uses: readonly Pick<AccountUse, 'kind' | 'name' | 'status'>[], max: number): string {
  const named = uses.slice(0, max).map(describeUse).join(', ');
  const rest = uses.slice(max);
  if (rest.length === 0) return named;
  const kinds = ACCOUNT_RESOURCE_KINDS
    .map((kind) => [kind, rest.filter((u) => u.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => count(n, KIND_ONE[kind], kindPlural(kind)));
  return `${named} and ${rest.length} more (${kinds.join(', ')})`;
}
const KIND_ONE: Record<AccountResourceKind, string> = { template: 'template', pod: 'Pod', endpoint: 'endpoint' };

/** `templates`, `Pods`, `endpoints`: a kind in the plural, for "Pods were not checked: ...". */
export function kindPlural(kind: AccountResourceKind): string {
  return kind === 'template' ? 'templates' : kind === 'pod' ? 'Pods' : 'endpoints';
}

/**
 * True when RunPod substitutes none of the use's references (`{{RUNPOD_SECRET_hf}}` without the
 * spaces): the resource already gets the reference as literal text, so neither deleting nor
 * rotating the secret changes what it boots with. Delete (editor and CLI) and Rotate ask here.
 */
export function substitutesNothing(use: Pick<AccountUse, 'keys' | 'notSubstituted'>): boolean {
  return use.keys.every((key) => use.notSubstituted.includes(key));
}

/**
 * What a use means once the secret is deleted: every template, Pod or endpoint that still
 * references it fails at its next boot; a running Pod keeps running until then. A use RunPod does
 * not substitute boots as before, but its reference would then name a secret that is gone.
 */
export function deleteConsequence(use: Pick<AccountUse, 'kind' | 'boot' | 'keys' | 'notSubstituted'>): string {
  if (substitutesNothing(use)) return 'nothing changes at boot (RunPod does not substitute this reference: it already gets the text as written); fixing its spelling later would point at nothing';
  if (use.kind === 'pod') return use.boot === 'active' ? 'fails at its next restart' : 'fails when it is next started';
  if (use.kind === 'template') return 'Pods launched from it fail at boot';
  return 'workers fail at their next boot';
}

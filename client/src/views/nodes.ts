/**
 * What the secrets tree shows for a store state, as plain descriptors. Pure (no `vscode` import):
 * `secretsView.ts` turns descriptors into TreeItems, the tests check them directly.
 */
import type { StoreState } from '../services';
import type { Secret } from '../runpod/types';
import { secretReference } from '../secrets/references';
import { kindPlural } from '../secrets/accountUsages';
import { usageSummary, type AccountCountsView, type WorkspaceCounts } from '../secrets/usageCounts';
import { indexGapSentence } from '../secrets/indexGap';
import { describeValueAge, isRotationDue } from '../../../server/src/template/valueAge';
import { errorCause, errorTooltip, isKeyProblem, isSettingsProblem, type ErrorLike } from './errorText';
import { formatDate, formatDay } from '../../../server/src/template/dates';
import { escapeMarkdown, tooltipName } from './markdown';
import { clip, oneLine } from '../../../server/src/template/displayText';
import { hasSecretNameCharsOnly } from '../../../server/src/template/names';
import { count, grouped } from '../../../server/src/template/counts';
import { API_URL_SETTING } from '../runpod/baseUrl';
import { nameLabel } from '../ui/plainName';
import { Commands } from '../status/statusText';
import { secretsByName } from './secretOrder';

/** Stable `contextValue`s used by `when` clauses in package.json menus. */
export const ContextValues = {
  secret: 'runpod.secret',
  error: 'runpod.error',
  stale: 'runpod.stale',
  action: 'runpod.action',
} as const;

/** Commands the nodes invoke on click (registered by the extension core: Refresh is Retry). */
export const NodeCommands = {
  retry: 'runpod.secrets.refresh',
  setApiKey: 'runpod.setApiKey',
  openSettings: Commands.openSettings,
} as const;

export interface SecretNodeDescriptor {
  kind: 'secret';
  id: string;
  name: string;
  label: string;
  description: string;
  /** Markdown; user text escaped. */
  tooltip: string;
  contextValue: typeof ContextValues.secret;
  /** The value is older than `runpod.secrets.rotationDays`: the tree marks the node. */
  rotationDue: boolean;
}

/**
 * What the secret nodes are judged against besides the list: the clock and rotation policy (the
 * value's age), and what is known of each secret's uses. Without it a node shows only metadata.
 */
export interface NodeContext {
  now: number;
  rotationDays: number;
  workspace: WorkspaceCounts;
  account: AccountCountsView;
}

export interface MessageNodeDescriptor {
  kind: 'error' | 'stale' | 'action';
  id: string;
  label: string;
  description?: string;
  /** Markdown; user text escaped. */
  tooltip: string;
  contextValue: string;
  icon: 'error' | 'warning' | 'key' | 'gear';
  command: { id: string; title: string; arguments?: unknown[] };
}

export type NodeDescriptor = SecretNodeDescriptor | MessageNodeDescriptor;

/** What the view shows besides nodes: a message above the tree, a progress bar. */
export interface ViewDescriptor {
  nodes: NodeDescriptor[];
  /** `TreeView.message`, or undefined for none. */
  message?: string;
  loading: boolean;
}

/**
 * The most secret nodes the view makes. A broken or hostile server's list of a million names (valid
 * JSON inside the transport's 32 MB cap) took 9 s of the shared extension host per render for the
 * nodes alone, before VS Code got a million tree items; no one scrolls past a few thousand names,
 * and View Secret's picker finds any of them. The first ones by name are shown, and the message says so.
 */
export const MAX_SECRET_NODES = 2_000;

/** The view's message when the list is longer than it shows. */
function cutMessage(secrets: readonly Secret[]): string | undefined {
  return secrets.length > MAX_SECRET_NODES
    ? `Showing the first ${grouped(MAX_SECRET_NODES)} of ${count(secrets.length, 'secret')} by name; find any other with 'RunPod: View Secret'.`
    : undefined;
}

/**
 * Builds the view for a store state. `signed-out` and `untrusted` give no nodes so the view's
 * welcome content shows; `error` gives an error node with Retry; `stale` an offline node above the
 * last good list; `loading` keeps the last list and shows progress.
 * @param secrets the store's listing, in its order (by name: SecretsStore sorts each listing it takes)
 */
export function buildView(state: StoreState, secrets: readonly Secret[], context?: NodeContext): ViewDescriptor {
  switch (state.kind) {
    case 'signed-out':
    case 'untrusted':
      return { nodes: [], loading: false };
    case 'loading': {
      const nodes = secretNodes(secrets, context);
      return withMessage({ nodes, loading: true }, nodes.length > 0 ? cutMessage(secrets) : 'Loading secrets…');
    }
    case 'fresh':
      return withMessage({ nodes: secretNodes(secrets, context), loading: false }, cutMessage(secrets));
    case 'stale':
      return withMessage(
        {
          nodes: [...problemNodes(state.error, 'stale', state.fetchedAt), ...secretNodes(secrets, context)],
          loading: false,
        },
        cutMessage(secrets),
      );
    case 'error':
      return { nodes: problemNodes(state.error, 'error'), loading: false };
  }
}

function withMessage(view: ViewDescriptor, message: string | undefined): ViewDescriptor {
  return message === undefined ? view : { ...view, message };
}

/** One node per secret, in the store's order (secretOrder.ts); the first MAX_SECRET_NODES. */
function secretNodes(secrets: readonly Secret[], context: NodeContext | undefined): SecretNodeDescriptor[] {
  return secretsByName(secrets)
    .slice(0, MAX_SECRET_NODES)
    .map(({ secret }) => secretNode(secret, context));
}

/**
 * The node of one secret. Reads only named metadata fields: nothing else the object carries.
 * With a context the description is `description · usage · value age` (the created date moves to
 * the tooltip: the value's age is what matters for rotation); without, `description · created date`.
 */
export function secretNode(secret: Secret, context?: NodeContext): SecretNodeDescriptor {
  // The server's text, by the one display rule: one line, controls and bidi overrides escaped, cut at 80.
  const description = clip(oneLine(secret.description ?? '').trim(), 80);
  const created = formatDay(secret.createdAt);
  const usage = context ? usageSummary(secret.name, context.workspace, context.account) : undefined;
  const age = context ? describeValueAge(secret, context.now) : undefined;
  const rotationDue = context ? isRotationDue(secret, context.now, context.rotationDays) : false;
  const parts = context ? [description, usage, age] : [description, created ? `created ${created}` : ''];
  return {
    kind: 'secret',
    id: `secret:${secret.name}`,
    name: secret.name,
    label: nameLabel(secret.name),
    description: parts.filter(Boolean).join(' · '),
    tooltip: secretTooltip(secret, context, usage, rotationDue),
    contextValue: ContextValues.secret,
    rotationDue,
  };
}

/** Markdown tooltip with all metadata of a secret; the value is write-only and never shown. */
function secretTooltip(secret: Secret, context: NodeContext | undefined, usage: string | undefined, rotationDue: boolean): string {
  // A name is the server's: by the label rule, and referenced only when RunPod can have it (a
  // broken server's 1 MB name was written out twice, for every render of the view).
  const lines = [`**${tooltipName(secret.name)}**`, ''];
  if (secret.description) lines.push(escapeMarkdown(secret.description), '');
  lines.push(`Created: ${escapeMarkdown(formatDate(secret.createdAt) ?? 'unknown')}  `);
  lines.push(`Value last updated: ${escapeMarkdown(formatDate(secret.valueLastUpdatedAt) ?? 'unknown')}  `);
  if (hasSecretNameCharsOnly(secret.name)) lines.push(`Reference: ${escapeMarkdown(secretReference(secret.name))}`, '');
  else lines.push('');
  if (context) {
    const age = describeValueAge(secret, context.now);
    if (rotationDue && age) {
      lines.push(`**Due for rotation:** ${escapeMarkdown(age)}, more than ${context.rotationDays} days (runpod.secrets.rotationDays). Run Rotate Secret.`, '');
    } else if (age) lines.push(`${escapeMarkdown(age[0]!.toUpperCase() + age.slice(1))}.`, '');
    if (usage) lines.push(`Used: ${escapeMarkdown(usage)}`, '');
    lines.push(...unknownUsageNotes(context).map((note) => `_${escapeMarkdown(note)}_`));
    if (lines[lines.length - 1] !== '') lines.push('');
  }
  lines.push('_The value is write-only: RunPod never returns it._');
  return lines.join('\n');
}

/** Why a count is missing or partial, one sentence each, for the tooltip. */
function unknownUsageNotes(context: NodeContext): string[] {
  const notes: string[] = [];
  if (context.workspace.kind === 'unavailable') notes.push(`Workspace files are not counted: ${context.workspace.reason}.`);
  if (context.workspace.kind === 'known' && context.workspace.gap) notes.push(indexGapSentence(context.workspace.gap, context.workspace.deepFolder));
  if (context.account.kind === 'known') {
    for (const { kind, reason } of context.account.unchecked) notes.push(`Account ${kindPlural(kind)} not checked: ${reason}`);
  }
  return notes;
}

function problemNodes(error: ErrorLike, kind: 'error' | 'stale', fetchedAt?: string): MessageNodeDescriptor[] {
  const cause = errorCause(error);
  const since = formatDate(fetchedAt);
  const tooltip = errorTooltip(cause, error, kind === 'stale' && since ? [`Showing the secrets as of ${escapeMarkdown(since)}.`] : []);
  const nodes: MessageNodeDescriptor[] = [
    {
      kind,
      id: `problem:${kind}`,
      label: cause,
      description: kind === 'stale' && since ? `as of ${since} · Retry` : 'Retry',
      tooltip,
      contextValue: kind === 'stale' ? ContextValues.stale : ContextValues.error,
      icon: kind === 'stale' ? 'warning' : 'error',
      command: { id: NodeCommands.retry, title: 'Retry' },
    },
  ];
  // check-config is the API URL or the key: the setting first (a 404 on a list is a wrong URL), the key beside it.
  if (isSettingsProblem(error)) {
    nodes.push({
      kind: 'action',
      id: 'action:openSettings',
      label: 'Open Settings…',
      tooltip: 'Open the `runpod.apiUrl` setting to check the RunPod API URL.',
      contextValue: ContextValues.action,
      icon: 'gear',
      command: { id: NodeCommands.openSettings, title: 'Open Settings', arguments: [API_URL_SETTING] },
    });
  }
  if (isKeyProblem(error)) {
    nodes.push({
      kind: 'action',
      id: 'action:setApiKey',
      label: 'Set API Key…',
      tooltip: 'Store another RunPod API key in VS Code secret storage.',
      contextValue: ContextValues.action,
      icon: 'key',
      command: { id: NodeCommands.setApiKey, title: 'Set API Key' },
    });
  }
  return nodes;
}

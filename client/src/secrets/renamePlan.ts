/**
 * Rename Secret, the decisions: names are immutable on RunPod and values cannot be read back, so a
 * rename is create the new secret, move every reference (the workspace by the language server's
 * edit, account templates by a PATCH of their env), then delete the old one only when nothing
 * still uses it. Pure: what a template's env becomes, and what to tell the user at the end — which
 * steps were done and which are left, whatever step the flow stopped at.
 */
import { count, plural } from '../../../server/src/template/counts';
import type { Template } from '../runpod/types';
import { summarizeTemplateUpdate } from '../launch/templateDiff';
import { renameReferencesInText } from './references';
import { describeUse, type AccountUse } from './accountUsages';
import { VIEW_NAMES } from '../views/viewNames';
import { nameLabel } from '../ui/plainName';

/** A button of a message and the command it runs (each id is a command of package.json: plans.test.ts checks). */
export interface CommandAction {
  title: string;
  command: string;
  args: unknown[];
}

/** Rename Secret; `{ name, to }` starts it from `name` with `to` filled in (a `to` that exists is continued into). */
export const RENAME_SECRET_COMMAND = 'runpod.secrets.rename';
/** Delete Secret, with its typed confirmation. */
const DELETE_SECRET_COMMAND = 'runpod.secrets.delete';
/** Update Env from File… on an endpoint (`{ endpointId }`; without it, a picker). */
const UPDATE_ENDPOINT_ENV_COMMAND = 'runpod.endpoints.updateEnv';

/** A template's env with every reference to `from` naming `to`; `changed` lists the keys it touched. */
export function renameInEnv(env: Readonly<Record<string, unknown>> | null | undefined, from: string, to: string): { env: Record<string, string>; changed: string[] } {
  const out: [string, string][] = [];
  const changed: string[] = [];
  for (const [key, value] of Object.entries(env ?? {})) {
    if (typeof value !== 'string') continue;
    const renamed = renameReferencesInText(value, from, to);
    if (renamed !== value) changed.push(key);
    out.push([key, renamed]);
  }
  // fromEntries defines each key as data: an env var named `__proto__` stays in the PATCH (assigned, it was dropped, and the PATCH removed it from the template).
  return { env: Object.fromEntries(out), changed: changed.sort() };
}

/** One template's PATCH for the rename, with the field-level summary Push Template shows too. */
export interface TemplatePatch {
  template: Template;
  env: Record<string, string>;
  /** `env: ~HF_TOKEN` (keys only, never values). */
  summary: string;
}

/** The PATCHes that move `from` to `to` in the templates that reference it (the others are left alone). */
export function templatePatches(templates: readonly Template[], from: string, to: string): TemplatePatch[] {
  const patches: TemplatePatch[] = [];
  for (const template of templates) {
    const { env, changed } = renameInEnv(template.env, from, to);
    if (changed.length === 0) continue;
    patches.push({ template, env, summary: summarizeTemplateUpdate(template, { env }).summary });
  }
  return patches;
}

/** A template's line in Rename Secret's confirmation, `• name (id): env: ~KEY`: the server's name and id by the label rule, one line each. */
export function templatePatchLine(patch: TemplatePatch): string {
  return `• ${nameLabel(patch.template.name)} (${nameLabel(patch.template.id)}): ${patch.summary}`;
}

/** What happened to the workspace files. */
export type WorkspaceOutcome = (
  /** `skipped`: changes left unticked in the refactor preview. */
  | { kind: 'applied'; edits: number; files: number; skipped?: number }
  | { kind: 'none' }
  | { kind: 'declined' }
  | { kind: 'unavailable'; reason: string }
) & {
  /** Files of another account the language server left out, said in one sentence (client/src/lsp/otherAccounts.ts). */
  leftOut?: string;
  /** What the edit may not have reached and what to do, said by client/src/lsp/renameIncomplete.ts. */
  incomplete?: string;
};

/** Where a rename got to; filled in step by step by the command. */
export interface RenameProgress {
  from: string;
  to: string;
  /** `to` exists: created by this rename, or (`resumed`) already there, left by a rename stopped partway. */
  created: boolean;
  resumed?: boolean;
  workspace?: WorkspaceOutcome;
  /** `unlisted`: why the account's templates could not be listed (then none was changed). */
  templates?: { updated: string[]; failed: { name: string; reason: string }[]; skipped: string[]; unlisted?: string };
  /** The old secret: deleted, found already gone (deleted elsewhere), or kept and why (`uses`: what on the account still references it). */
  old?: { kind: 'deleted' } | { kind: 'gone' } | { kind: 'kept'; reason: string; uses?: readonly AccountUse[] };
  /** The step the user stopped at (Escape), if they did. */
  cancelledAt?: string;
}

/**
 * The closing message: one line, then what was done, what is left and how to finish it, one item a
 * line, with the buttons that take the next steps.
 */
export function renameReport(p: RenameProgress): { message: string; detail: string; complete: boolean; actions: CommandAction[] } {
  const done: string[] = [];
  const left: string[] = [];
  if (!p.created) {
    return { message: `Nothing was changed: ${p.to} was not created${p.cancelledAt ? ' (cancelled)' : ''}.`, detail: '', complete: false, actions: [] };
  }
  done.push(p.resumed ? `Continued into the existing secret ${p.to} (its value not changed).` : `Created secret ${p.to} with the new value.`);
  switch (p.workspace?.kind) {
    case 'applied':
      done.push(`Renamed ${count(p.workspace.edits, 'reference')} in ${count(p.workspace.files, 'workspace file')} (one undoable edit).`);
      if (p.workspace.skipped) left.push(`${count(p.workspace.skipped, 'reference')} to ${p.from} left as ${p.workspace.skipped === 1 ? 'it was' : 'they were'} in the preview.`);
      break;
    case 'none':
      done.push(p.workspace.incomplete ? 'No file the workspace index holds referenced the old name.' : 'No workspace file referenced the old name.');
      break;
    case 'declined':
      left.push(`Workspace files still reference ${p.from}: the edit was not applied.`);
      break;
    case 'unavailable':
      // Stopped by the user: Continue Rename (the next step below) finishes it, so no by-hand advice beside it.
      left.push(p.cancelledAt ? `Workspace files were not changed (${p.workspace.reason}).` : `Workspace files were not changed (${p.workspace.reason}): rename the references to ${p.from} yourself.`);
      break;
    default:
      left.push(`Workspace files: not done yet.`);
  }
  if (p.workspace?.leftOut) done.push(p.workspace.leftOut);
  if (p.workspace?.incomplete) left.push(`Workspace files may still reference ${p.from}. ${p.workspace.incomplete}`);
  if (p.templates) {
    // Template names are the server's: by the label rule, as in the confirmation (templatePatchLine).
    if (p.templates.updated.length) done.push(`Updated account ${plural(p.templates.updated.length, 'template')} ${p.templates.updated.map(nameLabel).join(', ')}.`);
    if (p.templates.unlisted !== undefined) left.push(`Account templates could not be listed, so none was changed: ${p.templates.unlisted}`);
    for (const f of p.templates.failed) left.push(`Template ${nameLabel(f.name)} still references ${p.from}: ${f.reason}`);
    if (p.templates.skipped.length) left.push(`${plural(p.templates.skipped.length, 'Template')} ${p.templates.skipped.map(nameLabel).join(', ')} still reference${p.templates.skipped.length === 1 ? 's' : ''} ${p.from} (not updated).`);
  } else if (p.workspace) {
    left.push('Account templates: not checked yet.');
  }
  if (p.old?.kind === 'deleted') done.push(`Deleted the old secret ${p.from}.`);
  else if (p.old?.kind === 'gone') done.push(`The old secret ${p.from} was already gone (deleted elsewhere): nothing was left to delete.`);
  else if (p.old?.kind === 'kept') left.push(`Kept the old secret ${p.from}: ${p.old.reason}`);
  else left.push(`The old secret ${p.from} still exists; delete it once nothing uses it.`);
  const complete = left.length === 0;
  const message = complete
    ? `Renamed ${p.from} to ${p.to}.${p.workspace?.leftOut ? ` ${p.workspace.leftOut}` : ''}${p.old?.kind === 'gone' ? ` The old secret ${p.from} was already gone (deleted elsewhere), so the rename is complete.` : ''}`
    : `Renamed ${p.from} to ${p.to} in part${p.cancelledAt ? ` (stopped at: ${p.cancelledAt})` : ''}: see what is left.`;
  const next = complete ? { lines: [], actions: [] } : nextSteps(p);
  const detail = [
    ...(done.length ? ['Done:', ...done.map((d) => `  • ${d}`)] : []),
    ...(left.length ? ['Left to do:', ...left.map((l) => `  • ${l}`)] : []),
    ...(next.lines.length ? ['Next:', ...next.lines.map((l) => `  • ${l}`)] : []),
  ].join('\n');
  return { message, detail, complete, actions: next.actions };
}

/**
 * How to finish a rename left in part. References the flow moves (workspace files, account
 * templates) are left to Rename Secret run again: it continues into the new secret and deletes the
 * old one last. Pods and endpoints it cannot change: each is said with its way, then Delete Secret.
 */
function nextSteps(p: RenameProgress): { lines: string[]; actions: CommandAction[] } {
  const { from, to } = p;
  const workspaceLeft = p.workspace?.incomplete !== undefined || p.workspace?.kind === 'declined' || (p.workspace?.kind === 'applied' && !!p.workspace.skipped);
  const templatesLeft = !p.templates || p.templates.unlisted !== undefined || p.templates.failed.length > 0 || p.templates.skipped.length > 0;
  const uses = p.old?.kind === 'kept' ? (p.old.uses ?? []) : [];
  if (p.cancelledAt || workspaceLeft || templatesLeft || uses.some((u) => u.kind === 'template')) {
    return {
      lines: [`Continue Rename runs Rename Secret on ${from} again with ${to} filled in: it continues into ${to} (its value not changed) and offers what is left, then deletes ${from} once nothing uses it.`],
      actions: [{ title: 'Continue Rename…', command: RENAME_SECRET_COMMAND, args: [{ name: from, to }] }],
    };
  }
  const lines: string[] = [];
  const actions: CommandAction[] = [];
  for (const pod of uses.filter((u) => u.kind === 'pod')) {
    // A Pod with no template has none to launch again from: its env came from the launch alone.
    const relaunch = pod.fromTemplate ? 'launch a new one from the updated template' : `it was launched without a template, so launch a new one with 'RunPod: Launch Pod...' and an env that names ${to}`;
    lines.push(`${describeUse(pod)}: a Pod keeps the env it was created with, so a restart still reads ${from}: ${relaunch}, then terminate it.`);
  }
  const endpoints = uses.filter((u) => u.kind === 'endpoint');
  if (endpoints.length) {
    const one = endpoints.length === 1;
    lines.push(`${endpoints.map(describeUse).join(', ')}: change ${one ? 'its' : 'their'} env to name ${to} with Update Env from File… on ${one ? 'it' : 'each'} in the ${VIEW_NAMES['runpod.endpoints']} view.`);
    actions.push({ title: 'Update Endpoint Env…', command: UPDATE_ENDPOINT_ENV_COMMAND, args: one ? [{ endpointId: endpoints[0]!.id }] : [] });
  }
  lines.push(`${lines.length ? 'Then delete' : 'Delete'} ${from} with Delete Secret once nothing uses it (it lists what still does, and asks you to type the name).`);
  actions.push({ title: `Delete Secret ${from}…`, command: DELETE_SECRET_COMMAND, args: [from] });
  return { lines, actions };
}

/**
 * The last step of Launch Pod: what will be rented, for how much, with which env. Pure text so the
 * wizard, the command line's plan, the confirmation and the tests read the same thing. Every field
 * of the `POST /v2/pods` body is shown, as sent; env values never are (one may be a credential
 * written in plain text), only keys and the secrets they reference.
 */
import { count } from '../../../server/src/template/counts';
import { clip } from '../../../server/src/template/displayText';
import type { PodCreateInput, Template } from '../runpod/types';
import { cloudType, DEFAULT_CLOUD } from '../runpod/clouds';
import { envKeyLine, type EnvItem } from './envItems';
import type { ForeseenProblem, PreflightReason } from './plan';
import { formatPrice, type CpuChoice, type GpuChoice } from './gpuChoices';
import { environmentLine, type EnvironmentOption } from './environmentChoice';
import { droppedFieldsText } from './templateFile';

export interface SummaryInput {
  /** Template name (account) or file name. */
  source: string;
  /** The env file merged over the template env, if one was chosen. */
  envFile?: string;
  /** The env files the environment shares with the template's others, merged under `envFile`. */
  sharedEnvFiles?: readonly string[];
  /** The environment chosen (its name and declared account), when the template has environments. */
  environment?: Pick<EnvironmentOption, 'name' | 'account'>;
  /** Why the active account may not launch that environment (environmentChoice.ts accountRefusal): a flagged line. */
  accountProblem?: string;
  /** The exact body that will be POSTed. */
  body: PodCreateInput;
  /** The template the body names by `templateId` (the account's or a public one), once read. */
  base?: Pick<Template, 'name' | 'image'>;
  /** The catalog entry of the chosen GPU (label and price), or CPU. */
  compute: GpuChoice | CpuChoice;
  /** The env the Pod boots with (the template's merged under the body's), as items. */
  env: readonly EnvItem[];
  /** Fields of the template file the launch leaves out (templateFile.ts toLaunchTemplate), named so none goes unsaid. */
  dropped?: readonly string[];
}

export interface Summary extends ForeseenStops {
  /** Short line for the picker title / notification. */
  title: string;
  /** One line per fact, in reading order. */
  lines: string[];
  /** Indexes into `lines` of the lines about a problem (a reference to a secret not on the account, one RunPod would not substitute, another account's environment), for a warning mark. */
  flagged: number[];
  /** null when the catalog gives no price (CPU Pods, unlisted cloud). */
  pricePerHour: number | null;
}

/** What a summary already knows the check before the create will stop on (Launch Pod's and Deploy Endpoint's). */
export interface ForeseenStops {
  /** The check's refusals foreseen, reference by reference (`foreseenProblems`). */
  blocking: ForeseenProblem[];
  /**
   * Secrets the check will find missing (reason `unknown`: names that pass the name rule) and worth
   * creating (EnvItem.creatable: no typo of a secret the account has), in env order; empty while the
   * list is unknown. The Create rows.
   */
  missing: string[];
  /** What the check will stop on, as counted phrases (`1 secret not on your account`); empty when nothing known. */
  stops: string[];
}

/** Builds the summary shown before Launch; never includes an env value. */
export function summarize(input: SummaryInput): Summary {
  const { body } = input;
  const cloud = body.cloud ?? DEFAULT_CLOUD;
  const count = body.gpu?.count ?? 1;
  const cloudName = cloudType(cloud).name;
  let pricePerHour: number | null = null;
  let computeLine: string;
  if (input.compute.kind === 'gpu') {
    const price = input.compute.offers[cloud].price;
    pricePerHour = price === null ? null : Math.round(price * count * 1000) / 1000;
    computeLine = `GPU: ${count} × ${input.compute.label} (${input.compute.id})`;
  } else {
    computeLine = `Compute: CPU only${cpuDetail(body)}`;
  }
  const env = envLines(input.env);
  const lines = [
    `Pod: ${body.name}`,
    `From: ${input.source}`,
    ...(input.envFile ? [envFileLine(input.envFile, input.sharedEnvFiles)] : []),
    ...(input.environment ? [environmentLine(input.environment)] : []),
    ...(input.accountProblem ? [input.accountProblem] : []),
    ...templateLines(body, input.base),
    computeLine,
    `Cloud: ${cloudName}`,
    `Price: ${pricePerHour === null ? 'set by RunPod' : formatPrice(pricePerHour)}`,
    ...podFieldLines(body),
    ...(input.dropped?.length ? [droppedLine(input.dropped)] : []),
  ];
  const flagged = [...(input.accountProblem ? [lines.indexOf(input.accountProblem)] : []), ...env.flagged.map((i) => lines.length + i)];
  lines.push(...env.lines);
  const what = input.compute.kind === 'gpu' ? `${count} × ${input.compute.label}` : 'CPU';
  const title = `Launch ${body.name}: ${what}, ${cloudName}${pricePerHour === null ? '' : `, ${formatPrice(pricePerHour)}`}`;
  return { title, lines, flagged, pricePerHour, ...foreseenStops(input.env) };
}

/** The check's refusals a summary can already foresee from its env items: the check's own reasons, counted. */
export function foreseenStops(env: readonly EnvItem[]): ForeseenStops {
  const blocking = env.flatMap((e) => e.problems);
  const stops = STOP_ORDER.flatMap((reason) => {
    const of = blocking.filter((p) => p.reason === reason);
    // Secrets and names are counted once however often referenced; a spelling is fixed per reference.
    const n = reason === 'unknown' || reason === 'invalid-name' ? new Set(of.map((p) => p.name)).size : of.length;
    return n > 0 ? [STOP_PHRASES[reason](n)] : [];
  });
  return { blocking, missing: [...new Set(env.flatMap((e) => e.creatable))], stops };
}

const STOP_ORDER: readonly PreflightReason[] = ['unknown', 'invalid-name', 'noncanonical', 'malformed'];
const STOP_PHRASES: Record<PreflightReason, (count: number) => string> = {
  unknown: (n) => secretsNotOnAccount(n),
  'invalid-name': (n) => count(n, 'invalid secret name'),
  noncanonical: (n) => count(n, 'reference RunPod would not substitute', 'references RunPod would not substitute'),
  malformed: (n) => count(n, 'malformed reference'),
};

/** The distinct secrets the check will find missing, in env order. */
function missingSecrets(env: readonly EnvItem[]): string[] {
  return [...new Set(env.flatMap((e) => e.unknown))];
}

/** `1 secret not on your account`, `2 secrets ...`: the summaries' and Compare Environments' count. */
export function secretsNotOnAccount(n: number): string {
  return count(n, 'secret not on your account', 'secrets not on your account');
}

/**
 * The plan `pods launch` prints before it creates the Pod: the same facts as the editor's summary,
 * without the catalog (no price; the GPU by id).
 */
export function planLines(body: PodCreateInput, base: Pick<Template, 'name' | 'image'> | undefined, env: readonly EnvItem[]): string[] {
  return [
    `Pod: ${body.name}`,
    ...templateLines(body, base),
    body.gpu ? `GPU: ${body.gpu.count} × ${body.gpu.id}` : `Compute: CPU only${cpuDetail(body)}`,
    `Cloud: ${cloudType(body.cloud).name}`,
    ...podFieldLines(body),
    ...envLines(env).lines,
  ];
}

/** The template id (with the template's name when read) and the image, sent or the template's. */
function templateLines(body: PodCreateInput, base: Pick<Template, 'name' | 'image'> | undefined): string[] {
  const lines: string[] = [];
  if (body.templateId !== undefined) {
    lines.push(`Template id: ${body.templateId}${base ? ` (${base.name}; RunPod applies it, then the fields below)` : ''}`);
  }
  if (body.image !== undefined) lines.push(`Image: ${body.image}`);
  else lines.push(`Image: ${base?.image !== undefined ? `${base.image} (from the template)` : '(from the template)'}`);
  return lines;
}

/** One line per other field of the body that is sent (disk, ports, mounts, data centres, start options). */
function podFieldLines(body: PodCreateInput): string[] {
  const lines: string[] = [];
  if (body.disk !== undefined) lines.push(`Disk: ${show(body.disk)} GB`);
  if (body.ports !== undefined) lines.push(`Ports: ${Array.isArray(body.ports) && body.ports.length === 0 ? 'none' : show(body.ports)}`);
  if (body.mounts !== undefined) lines.push(`Mounts: ${mountsText(body.mounts)}`);
  if (body.dataCenterIds !== undefined) lines.push(`Data centres: ${show(body.dataCenterIds)}`);
  if (body.startSsh !== undefined) lines.push(`Start SSH: ${yesNo(body.startSsh)}`);
  if (body.startJupyter !== undefined) lines.push(`Start Jupyter: ${yesNo(body.startJupyter)}`);
  return lines;
}

/** The env header and one line per key; `flagged` indexes the lines about a problem (also Deploy Endpoint's summary). */
export function envLines(env: readonly EnvItem[]): { lines: string[]; flagged: number[] } {
  const references = env.filter((e) => e.references.length > 0).length;
  const unknown = missingSecrets(env).length;
  const header =
    env.length === 0
      ? 'Env: none'
      : `Env: ${count(env.length, 'variable')}, ${references} from secrets` + (unknown ? `, ${secretsNotOnAccount(unknown)}` : '');
  const flagged = [...(unknown ? [0] : []), ...env.flatMap((e, i) => (e.problems.length ? [i + 1] : []))];
  return { lines: [header, ...env.map((e) => `  ${envKeyLine(e)}`)], flagged };
}

function cpuDetail(body: PodCreateInput): string {
  return body.cpu && typeof body.cpu === 'object' && Object.keys(body.cpu).length > 0 ? ` (${show(body.cpu)})` : '';
}

/** `persistent 20 GB at /workspace`; anything else as written. */
function mountsText(mounts: unknown): string {
  const persistent = (mounts as { persistent?: { size?: unknown; path?: unknown } } | null)?.persistent;
  const keys = mounts && typeof mounts === 'object' ? Object.keys(mounts) : [];
  if (keys.length === 0) return 'none';
  if (keys.length === 1 && persistent && typeof persistent.size === 'number' && typeof persistent.path === 'string') {
    return `persistent volume, ${persistent.size} GB at ${persistent.path}`;
  }
  return show(mounts);
}

function yesNo(value: unknown): string {
  return value === true ? 'yes' : value === false ? 'no' : show(value);
}

/** `Not sent (fields a Pod create does not take): args`, in the command line's note's words (Deploy's summary too). */
export function droppedLine(dropped: readonly string[], create: 'Pod' | 'endpoint' = 'Pod'): string {
  const text = droppedFieldsText(dropped.map((field) => show(field)), create);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Fields come from a file and pass through as written: shown compactly and bounded, whatever their shape. */
export function show(value: unknown): string {
  const text = Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return clip(text, MAX_FIELD_CHARS);
}
const MAX_FIELD_CHARS = 200;

/**
 * `Env file: train.dev.runpod.env over the shared train.runpod.env (their variables override the template's)`:
 * Launch Pod's and Deploy Endpoint's summaries (`under` is what the files override).
 */
export function envFileLine(envFile: string, shared: readonly string[] = [], under = "the template's"): string {
  return shared.length > 0
    ? `Env file: ${envFile} over the shared ${shared.join(', ')} (their variables override ${under})`
    : `Env file: ${envFile} (its variables override ${under})`;
}

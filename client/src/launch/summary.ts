/**
 * The last step of Launch Pod: what will be rented, for how much, with which env. Pure text so the
 * wizard, the confirmation and the tests read the same thing.
 */
import { envKeyLine, type EnvItem } from './envItems';
import { formatPrice, type Cloud, type CpuChoice, type GpuChoice } from './gpuChoices';

export interface SummaryInput {
  podName: string;
  /** Template name (account) or file name. */
  source: string;
  /** The env file merged over the template env, if one was chosen. */
  envFile?: string;
  image: string | undefined;
  compute: GpuChoice | CpuChoice;
  count: number;
  cloud: Cloud;
  env: readonly EnvItem[];
}

export interface Summary {
  /** Short line for the picker title / notification. */
  title: string;
  /** One line per fact, in reading order. */
  lines: string[];
  /** Indexes into `lines` of the lines about a problem (a reference to a secret not on the account, or one RunPod would not substitute), for a warning mark. */
  flagged: number[];
  /** null when the catalog gives no price (CPU Pods, unlisted cloud). */
  pricePerHour: number | null;
}

/** Builds the summary shown before Launch; never includes an env value. */
export function summarize(input: SummaryInput): Summary {
  const cloudName = input.cloud === 'SECURE' ? 'Secure Cloud' : 'Community Cloud';
  let pricePerHour: number | null = null;
  let computeLine: string;
  if (input.compute.kind === 'gpu') {
    const price = input.compute.offers[input.cloud].price;
    pricePerHour = price === null ? null : Math.round(price * input.count * 1000) / 1000;
    computeLine = `GPU: ${input.count} × ${input.compute.label} (${input.compute.id})`;
  } else {
    computeLine = 'Compute: CPU only';
  }
  const references = input.env.filter((e) => e.references.length > 0).length;
  const unknown = new Set(input.env.flatMap((e) => e.unknown)).size;
  const envHeader =
    input.env.length === 0
      ? 'Env: none'
      : `Env: ${input.env.length} variable${input.env.length === 1 ? '' : 's'}, ${references} from secrets` +
        (unknown ? `, ${unknown} secret${unknown === 1 ? '' : 's'} not on your account` : '');
  const lines = [
    `Pod: ${input.podName}`,
    `From: ${input.source}`,
    ...(input.envFile ? [`Env file: ${input.envFile} (its variables override the template's)`] : []),
    `Image: ${input.image ?? '(from the template)'}`,
    computeLine,
    `Cloud: ${cloudName}`,
    `Price: ${pricePerHour === null ? 'set by RunPod' : formatPrice(pricePerHour)}`,
    envHeader,
    ...input.env.map((e) => `  ${envKeyLine(e)}`),
  ];
  const envStart = lines.length - input.env.length;
  const flagged = [
    ...(unknown ? [envStart - 1] : []),
    ...input.env.flatMap((e, i) => (e.unknown.length || e.notSubstituted.length ? [envStart + i] : [])),
  ];
  const what = input.compute.kind === 'gpu' ? `${input.count} × ${input.compute.label}` : 'CPU';
  const title = `Launch ${input.podName}: ${what}, ${cloudName}${pricePerHour === null ? '' : `, ${formatPrice(pricePerHour)}`}`;
  return { title, lines, flagged, pricePerHour };
}

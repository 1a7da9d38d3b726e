/**
 * Picker items for the GPU, count and cloud steps of Launch Pod, from the GPU catalog. Pure: the
 * wizard turns these into QuickPickItems. Prices are per hour in USD, as RunPod lists them. The
 * catalog's text (names, ids, availability words) is the server's: shown by the label rule
 * (nameLabel: one line, escapes shown, bounded); the wizard adds the quick pick's icon escape.
 */
import { count } from '../../../server/src/template/counts';
import type { GpuType } from '../runpod/types';
import { CLOUD_TYPES, CLOUDS, cloudType, type Cloud } from '../runpod/clouds';
import { nameLabel } from '../ui/plainName';

/** What the catalog says about one cloud of one GPU type. */
export interface CloudOffer {
  /** RunPod offers this GPU type in this cloud at all. */
  offered: boolean;
  /** Price per GPU per hour, or null when not listed. */
  price: number | null;
  /** Availability label as RunPod gives it ('High', 'Low', ...), 'None' when there is none, undefined when unknown. */
  availability?: string;
  /** False only when the catalog says there is no capacity (or it is not offered); unknown counts as available. */
  available: boolean;
}

export interface GpuChoice {
  kind: 'gpu';
  id: string;
  label: string;
  description: string;
  detail: string;
  maxCount: number;
  /** Offered with capacity in at least one cloud. */
  available: boolean;
  offers: Record<Cloud, CloudOffer>;
}
export interface CpuChoice {
  kind: 'cpu';
  id: 'cpu';
  label: string;
  description: string;
  detail: string;
  available: true;
}

/** Reads the loosely typed availability field RunPod returns per cloud (string, number or boolean). */
function availabilityOf(gpu: GpuType, cloud: Cloud): string | undefined {
  const raw = gpu.availability as Record<string, unknown> | undefined | null;
  if (!raw || typeof raw !== 'object') return undefined;
  const value = raw[cloudType(cloud).catalogKey];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'Available' : 'None';
  if (typeof value === 'number') return value > 0 ? String(value) : 'None';
  const text = String(value).trim();
  return text === '' || /^(none|0|unavailable|false)$/i.test(text) ? 'None' : nameLabel(text);
}

/**
 * Whether a GPU type can be rented now in some cloud: offered there, priced, and not said to have
 * no capacity. The one answer for Launch Pod's GPU step and `runpod-check gpus list --available`.
 */
export function hasCapacity(gpu: GpuType): boolean {
  return CLOUDS.some((cloud) => offerOf(gpu, cloud).available);
}

/** The offer of one cloud for a GPU type. */
function offerOf(gpu: GpuType, cloud: Cloud): CloudOffer {
  const key = cloudType(cloud).catalogKey;
  const offered = gpu[key];
  const price = gpu.price?.[key] ?? null;
  const availability = availabilityOf(gpu, cloud);
  const offer: CloudOffer = { offered, price, available: offered && price !== null && availability !== 'None' };
  if (availability !== undefined) offer.availability = availability;
  return offer;
}

/**
 * `$0.69/hr`: two decimals, three when the price has a third (`$0.345/hr`). Counted in whole mils:
 * comparing floats (0.29 * 100 is 28.999...) printed 135 of the 999 cent prices with a stray 0.
 */
export function formatPrice(perHour: number | null): string {
  if (perHour === null || !Number.isFinite(perHour)) return 'price n/a';
  const mils = Math.round(perHour * 1000);
  return `$${(mils / 1000).toFixed(mils % 10 === 0 ? 2 : 3)}/hr`;
}

function offerText(cloud: Cloud, offer: CloudOffer): string {
  const name = cloudType(cloud).short;
  if (!offer.offered) return `${name}: not offered`;
  const availability = offer.availability === undefined ? '' : offer.availability === 'None' ? ', no capacity' : `, ${offer.availability}`;
  return `${name} ${formatPrice(offer.price)}${availability}`;
}

/**
 * One item per GPU type: memory and each cloud's price and availability. Types with capacity come
 * first, cheapest first (in `preferredCloud`, else the cheaper cloud); then the rest, so a user sees
 * why a type cannot be launched rather than wondering where it went.
 */
export function gpuChoices(gpus: readonly GpuType[], preferredCloud?: Cloud): GpuChoice[] {
  const choices = gpus.map((gpu): GpuChoice => {
    const offers = Object.fromEntries(CLOUDS.map((cloud) => [cloud, offerOf(gpu, cloud)])) as Record<Cloud, CloudOffer>;
    const available = CLOUDS.some((cloud) => offers[cloud].available);
    const memory = Number.isFinite(gpu.memory) ? `${gpu.memory} GB` : 'memory n/a';
    return {
      kind: 'gpu',
      id: gpu.id,
      label: nameLabel(gpu.name && gpu.name !== gpu.id ? gpu.name : gpu.id),
      description: [memory, ...CLOUDS.map((cloud) => offerText(cloud, offers[cloud]))].join(' · '),
      detail: `${nameLabel(gpu.id)} · ${available ? `up to ${maxGpuCount(gpu)} per Pod` : 'no capacity right now'}`,
      maxCount: maxGpuCount(gpu),
      available,
      offers,
    };
  });
  const sortPrice = (c: GpuChoice): number => {
    const prices = (preferredCloud ? [c.offers[preferredCloud]] : CLOUDS.map((cloud) => c.offers[cloud]))
      .filter((o) => o.available && o.price !== null)
      .map((o) => o.price!);
    return prices.length ? Math.min(...prices) : Number.POSITIVE_INFINITY;
  };
  return choices.sort((a, b) => Number(b.available) - Number(a.available) || sortPrice(a) - sortPrice(b) || a.label.localeCompare(b.label));
}

/**
 * A catalog answer is bounded like any server text: a broken or hostile `maxCount` (1e9) would
 * otherwise have the count step list a billion items. No RunPod machine comes near it.
 */
const MAX_GPU_COUNT_BELIEVED = 64;

/**
 * How many GPUs of a type one Pod may have: 1 to the catalog's `maxCount` (at least 1, so an entry
 * without a usable one still offers a single GPU). The one rule behind the editor's count step,
 * the command line's `--gpu-count` check and the MAX column of `gpus list`.
 */
export function maxGpuCount(gpu: Pick<GpuType, 'maxCount'>): number {
  const listed = Number.isFinite(gpu.maxCount) ? Math.floor(gpu.maxCount) : 1;
  return Math.min(MAX_GPU_COUNT_BELIEVED, Math.max(1, listed));
}

type AskedGpu = { id?: string; count?: number } | undefined;

/**
 * How many GPUs of type `id` were asked for: the count of the first of `asked` of that type (a
 * template file's `gpu` for one), else 1. A template file's count thus goes with its GPU type:
 * `pods launch --template-file F --gpu ITS_TYPE` sends it, the editor's count step starts at it,
 * and another type starts at 1 in both.
 */
export function askedGpuCount(id: string, asked: readonly AskedGpu[]): number {
  return Math.max(1, asked.find((a) => a?.id === id && a.count !== undefined)?.count ?? 1);
}

/**
 * The count Launch Pod's count step starts at for a type: what a cancelled launch of the same
 * template chose of it, then what the template file asks ({@link askedGpuCount}), never over what
 * one Pod can have (where the command line refuses a file's count, the step shows the most it offers).
 */
export function startingGpuCount(choice: Pick<GpuChoice, 'id' | 'maxCount'>, asked: readonly AskedGpu[]): number {
  return Math.min(choice.maxCount, askedGpuCount(choice.id, asked));
}

/**
 * Whether one Pod may have `count` GPUs of this type: 1 to {@link maxGpuCount}. The command line's
 * check of --gpu-count and of a template file's gpu.count; the count step offers just these.
 */
export function takesGpuCount(gpu: Pick<GpuType, 'maxCount'>, count: number): boolean {
  return Number.isInteger(count) && count >= 1 && count <= maxGpuCount(gpu);
}

/** The CPU-only item listed after the GPU types. */
export function cpuChoice(): CpuChoice {
  return { kind: 'cpu', id: 'cpu', label: 'CPU only', description: 'no GPU', detail: 'A CPU Pod; price set by RunPod per vCPU', available: true };
}

export interface CountChoice {
  count: number;
  label: string;
  description: string;
}

/** Counts 1..maxCount with the price of each in the given cloud (or the cheaper offered one). */
export function countChoices(choice: GpuChoice, cloud?: Cloud): CountChoice[] {
  const offer = cloud ? choice.offers[cloud] : cheapestOffer(choice);
  return Array.from({ length: choice.maxCount }, (_, i) => {
    const count = i + 1;
    const price = offer?.price ?? null;
    const where = cloud ? '' : offer ? ` (${CLOUD_TYPES.find((c) => choice.offers[c.value] === offer)!.short})` : '';
    return { count, label: `${count} × ${choice.label}`, description: price === null ? 'price n/a' : `${formatPrice(price * count)}${where}` };
  });
}

export interface CloudChoice {
  cloud: Cloud;
  label: string;
  description: string;
  available: boolean;
  pricePerHour: number | null;
}

/** Secure and Community with the price for `gpus` GPUs of the chosen type and its availability. */
export function cloudChoices(choice: GpuChoice | CpuChoice, gpus: number): CloudChoice[] {
  return CLOUD_TYPES.map(({ value: cloud, name: label }) => {
    if (choice.kind === 'cpu') return { cloud, label, description: 'CPU Pod', available: true, pricePerHour: null };
    const offer = choice.offers[cloud];
    const pricePerHour = offer.price === null ? null : Math.round(offer.price * gpus * 1000) / 1000;
    const description = !offer.offered
      ? `${choice.label} is not offered here`
      : `${formatPrice(pricePerHour)} for ${count(gpus, 'GPU')}` +
        (offer.availability === 'None' ? ' · no capacity right now' : offer.availability ? ` · availability ${offer.availability}` : '');
    return { cloud, label, description, available: offer.available, pricePerHour };
  });
}

function cheapestOffer(choice: GpuChoice): CloudOffer | undefined {
  const offers = CLOUDS.map((cloud) => choice.offers[cloud]).filter((o) => o.available && o.price !== null);
  return offers.sort((a, b) => a.price! - b.price!)[0];
}

/**
 * Whether a GPU id typed by hand (`pods launch --gpu`, a template file's `gpu.id`) is one RunPod's
 * catalog lists, and when not, the entry it most likely means: people type the short name the
 * console shows ("RTX 4090") where the API wants the id ("NVIDIA GeForce RTX 4090"). Pure; the
 * editor's Launch Pod picks from the catalog and needs no such check.
 */
import type { GpuType } from '../runpod/types';

export type GpuIdCheck = { ok: true } | { ok: false; suggestion?: string };

/**
 * `ok` when `id` is a catalog id exactly (RunPod matches ids exactly). Otherwise the one entry whose
 * id or name equals it ignoring case and spaces at the ends, else the one entry whose id or name
 * contains it; no suggestion when none or several do.
 */
export function checkGpuId(id: string, catalog: readonly GpuType[]): GpuIdCheck {
  if (catalog.some((g) => g.id === id)) return { ok: true };
  const wanted = id.trim().toLowerCase();
  if (wanted === '') return { ok: false };
  const fold = (g: GpuType) => [g.id, g.name].filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
  const equal = catalog.filter((g) => fold(g).includes(wanted));
  const containing = equal.length > 0 ? equal : catalog.filter((g) => fold(g).some((t) => t.includes(wanted)));
  return containing.length === 1 ? { ok: false, suggestion: containing[0]!.id } : { ok: false };
}

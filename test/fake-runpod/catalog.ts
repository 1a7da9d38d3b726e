/**
 * `/v2/catalog/gpus`: a fixed GPU catalog (RunPod's, not the account's, so it is present even
 * without seeding). Availability per cloud is only listed with `include=AVAILABILITY&product=POD`.
 */
import type { GpuType } from '../../client/src/runpod/types';
import type { CatalogGpu, Handler } from './context';
import { ProblemError } from './problem';

/** The default catalog: one GPU of each availability situation the client must handle. */
export function defaultCatalog(): CatalogGpu[] {
  return [
    {
      id: 'NVIDIA GeForce RTX 4090', name: 'RTX 4090', pool: 'ADA_24', manufacturer: 'Nvidia', memory: 24,
      secure: true, community: true, price: { secure: 0.69, community: 0.34 }, maxCount: 8,
      availability: { secure: 'High', community: 'Medium' },
    },
    {
      id: 'NVIDIA A100 80GB PCIe', name: 'A100 80GB', pool: 'AMPERE_80', manufacturer: 'Nvidia', memory: 80,
      secure: true, community: true, price: { secure: 1.64, community: 1.19 }, maxCount: 8,
      availability: { secure: 'Low', community: 'None' },
    },
    {
      id: 'NVIDIA H100 80GB HBM3', name: 'H100 SXM', pool: 'HOPPER_141', manufacturer: 'Nvidia', memory: 80,
      secure: true, community: false, price: { secure: 2.99, community: null }, maxCount: 8,
      availability: { secure: 'Low', community: 'None' },
    },
    {
      id: 'NVIDIA RTX A6000', name: 'RTX A6000', pool: 'AMPERE_48', manufacturer: 'Nvidia', memory: 48,
      secure: true, community: true, price: { secure: 0.49, community: 0.33 }, maxCount: 4,
      availability: { secure: 'None', community: 'None' },
    },
  ];
}

export const listGpus: Handler = (ctx, _params, _body, query) => {
  const include = query.getAll('include').flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase());
  const withAvailability = include.includes('AVAILABILITY');
  if (withAvailability && query.get('product')?.toUpperCase() !== 'POD') {
    throw new ProblemError(400, 'include=AVAILABILITY requires product=POD');
  }
  const gpus: GpuType[] = ctx.catalog.map(({ availability, ...gpu }) => (withAvailability ? { ...gpu, availability: { ...availability } } : gpu));
  return { status: 200, body: { gpus } };
};

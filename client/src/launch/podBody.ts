/**
 * The Pod create body for the wizard's choices, on top of the plan's `buildPodRequest`. The plan
 * has no CPU option for a template id (and falls back to a file's `gpu`), so a CPU choice is
 * applied here: `gpu` removed, `cpu` taken from the file or left empty for RunPod's default.
 */
import type { PodCreateInput } from '../runpod/types';
import type { Cloud } from '../runpod/clouds';
import { buildPodRequest, type Env, type LaunchSource } from './plan';

export type ComputeChoice = { kind: 'gpu'; id: string; count: number } | { kind: 'cpu' };

export interface PodBodyOptions {
  name: string;
  compute: ComputeChoice;
  cloud: Cloud;
  /** The env file's variables; they win per key. */
  envOverrides?: Env;
}

/** Builds the exact POST /v2/pods body. */
export function podBodyFor(source: LaunchSource, options: PodBodyOptions): PodCreateInput {
  const body = buildPodRequest(source, {
    name: options.name,
    cloud: options.cloud,
    ...(options.compute.kind === 'gpu' ? { gpu: { id: options.compute.id, count: options.compute.count } } : {}),
    ...(options.envOverrides && Object.keys(options.envOverrides).length > 0 ? { env: options.envOverrides } : {}),
  });
  if (options.compute.kind === 'cpu') {
    delete body.gpu;
    body.cpu = source.kind === 'template-file' && source.template.cpu ? { ...source.template.cpu } : {};
  }
  return body;
}

/** A hand-typed GPU id against the catalog: exact ids pass; a short name gets the id it means. */
import { describe, expect, it } from 'vitest';
import { checkGpuId } from '../../client/src/launch/gpuId';
import { defaultCatalog } from '../fake-runpod/catalog';

const catalog = defaultCatalog().map(({ availability: _, ...gpu }) => gpu);

describe('checkGpuId', () => {
  it('passes a catalog id exactly as listed, and only that (RunPod matches ids exactly)', () => {
    expect(checkGpuId('NVIDIA GeForce RTX 4090', catalog)).toEqual({ ok: true });
    expect(checkGpuId('nvidia geforce rtx 4090', catalog)).toEqual({ ok: false, suggestion: 'NVIDIA GeForce RTX 4090' });
  });

  it("suggests the id for the console's short name, or for the one entry that contains the text", () => {
    expect(checkGpuId('RTX 4090', catalog)).toEqual({ ok: false, suggestion: 'NVIDIA GeForce RTX 4090' });
    expect(checkGpuId(' h100 sxm ', catalog)).toEqual({ ok: false, suggestion: 'NVIDIA H100 80GB HBM3' });
    expect(checkGpuId('A100', catalog)).toEqual({ ok: false, suggestion: 'NVIDIA A100 80GB PCIe' });
  });

  it('suggests nothing when several entries or none fit, or the text is blank', () => {
    expect(checkGpuId('NVIDIA', catalog)).toEqual({ ok: false });
    expect(checkGpuId('80GB', catalog)).toEqual({ ok: false });
    expect(checkGpuId('TPU v9', catalog)).toEqual({ ok: false });
    expect(checkGpuId('   ', catalog)).toEqual({ ok: false });
    expect(checkGpuId('RTX 4090', [])).toEqual({ ok: false });
  });
});

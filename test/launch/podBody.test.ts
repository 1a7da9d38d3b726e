import { describe, expect, it } from 'vitest';
import { podBodyFor } from '../../client/src/launch/podBody';

describe('podBodyFor', () => {
  it('template id with env overrides: only the overrides are sent, RunPod merges them', () => {
    expect(
      podBodyFor({ kind: 'template-id', templateId: 'tpl1' }, { name: 'train', compute: { kind: 'gpu', id: 'NVIDIA GeForce RTX 4090', count: 2 }, cloud: 'COMMUNITY', envOverrides: { A: '{{ RUNPOD_SECRET_a }}' } }),
    ).toEqual({ name: 'train', templateId: 'tpl1', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 2 }, cloud: 'COMMUNITY', env: { A: '{{ RUNPOD_SECRET_a }}' } });
  });

  it('CPU replaces a GPU the file names, and keeps the file cpu settings', () => {
    const body = podBodyFor(
      { kind: 'template-file', template: { image: 'img', env: { X: '1' }, gpu: { id: 'g', count: 1 }, cpu: { vcpuCount: 4 } } },
      { name: 'c', compute: { kind: 'cpu' }, cloud: 'SECURE' },
    );
    expect(body).toEqual({ name: 'c', image: 'img', cpu: { vcpuCount: 4 }, cloud: 'SECURE', env: { X: '1' } });
  });

  it('CPU on an account template sends an empty cpu object and no gpu', () => {
    const body = podBodyFor({ kind: 'template-id', templateId: 't' }, { name: 'c', compute: { kind: 'cpu' }, cloud: 'SECURE' });
    expect(body).toEqual({ name: 'c', templateId: 't', cloud: 'SECURE', cpu: {} });
  });
});

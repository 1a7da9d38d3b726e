/**
 * An endpoint's type reads the same wherever it is shown (runpod/endpointTypes.ts): the Endpoints
 * view, the endpoint picker and the Deploy summary. A type RunPod adds later is shown as sent, never
 * passed off as `queue`.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINT_TYPES, endpointTypeText } from '../../client/src/runpod/endpointTypes';
import { summarizeDeploy } from '../../client/src/serverless/deploySummary';
import { describeEndpoint } from '../../client/src/views/endpoints/endpointNodes';
import type { Endpoint, EndpointCreateInput } from '../../client/src/runpod/types';

const summaryType = (type: string) =>
  summarizeDeploy({ body: { name: 'e', type } as unknown as EndpointCreateInput, source: 'template t', env: [] }).lines.find((l) => l.startsWith('Type: '));
const endpoint = (type: string) =>
  ({ id: 'e1', name: 'e', type, workers: { min: 0, max: 1 }, env: {} }) as unknown as Endpoint;

describe('endpoint type names, one table', () => {
  it('names the types runpod-api.md documents', () => {
    expect(ENDPOINT_TYPES).toEqual(['QUEUE', 'LOAD_BALANCER']);
    expect(ENDPOINT_TYPES.map(endpointTypeText)).toEqual(['queue', 'load balancer']);
  });

  it.each(['QUEUE', 'LOAD_BALANCER', 'STREAMING', 'toString', 'A\u001b[31mB'])('%j: the Deploy summary and the Endpoints view say the same', (type) => {
    const text = endpointTypeText(type);
    expect(summaryType(type)).toBe(`Type: ${text}`);
    expect(describeEndpoint(endpoint(type)).description.startsWith(`${text} · `)).toBe(true);
  });

  it('a type RunPod adds later is shown as sent (lower case, one line, escapes visible), not as queue', () => {
    expect(endpointTypeText('STREAMING')).toBe('streaming');
    expect(endpointTypeText('toString')).toBe('tostring');
    expect(endpointTypeText('A\u001b[31mB')).not.toContain('\u001b');
  });
});

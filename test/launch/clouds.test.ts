/**
 * The clouds a Pod runs in are one table (runpod/clouds.ts): the JSON schema's enum, the template
 * file's and the command line's checks, and every place a cloud is named (the picker, the launch
 * summary and plan, the Pods view) say the same values and the same names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUD_CHOICE_TEXT, CLOUD_TYPES, CLOUDS, DEFAULT_CLOUD } from '../../client/src/runpod/clouds';
import { cloudChoices, countChoices, cpuChoice, gpuChoices } from '../../client/src/launch/gpuChoices';
import { planLines } from '../../client/src/launch/summary';
import { parseTemplateFile, toLaunchTemplate } from '../../client/src/launch/templateFile';
import { describePod } from '../../client/src/views/pods/podNodes';
import { parsePod } from '../../client/src/runpod/parse';
import type { Pod, PodCreateInput } from '../../client/src/runpod/types';
import { defaultCatalog } from '../fake-runpod/catalog';
import { gpuTable } from '../../client/src/cli/lists';
import type { GpuType } from '../../client/src/runpod/types';

const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/runpod-template.schema.json'), 'utf8'));

/** Finds the `cloud` property wherever the schema declares it. */
function cloudProperty(node: unknown): { enum: string[]; default: string; description: string; enumDescriptions: string[] } | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  const props = record['properties'] as Record<string, unknown> | undefined;
  if (props?.['cloud']) return props['cloud'] as ReturnType<typeof cloudProperty>;
  for (const value of Object.values(record)) {
    const found = cloudProperty(value);
    if (found) return found;
  }
  return undefined;
}

describe('cloud types, one table', () => {
  it("the JSON schema's enum, default and descriptions are the table's", () => {
    const cloud = cloudProperty(schema)!;
    // And null, which asks for nothing (templateFile.ts asksFor): the default cloud.
    expect(cloud.enum).toEqual([...CLOUDS, null]);
    expect(cloud.default).toBe(DEFAULT_CLOUD);
    const names = CLOUD_TYPES.map((c) => (c.value === DEFAULT_CLOUD ? `${c.name} (default)` : c.name));
    expect(cloud.enumDescriptions).toEqual([...names, 'Asks for nothing: left out (the default)']);
    // The hover's sentence names the same clouds, the default marked: a cloud added to the table fails it until said.
    expect(cloud.description).toBe(`Pod only: ${names.join(' or ')}.`);
  });

  it("Launch Pod's cloud step asks about every cloud in the table, by name", () => {
    expect(CLOUD_CHOICE_TEXT).toBe('Secure Cloud (RunPod data centres) or Community Cloud (vetted hosts)');
    for (const { name } of CLOUD_TYPES) expect(CLOUD_CHOICE_TEXT).toContain(name);
  });

  // Spelled out, not asked of isCloud: RunPod takes the upper-case values only (shared runpod-api.md, Pods).
  it.each([
    ['SECURE', true],
    ['COMMUNITY', true],
    ['secure', false],
    ['Community', false],
    [' SECURE', false],
    ['MOON', false],
    ['', false],
  ] as const)('%j: the template file takes it: %s', (value, taken) => {
    const file = parseTemplateFile(JSON.stringify({ cloud: value }));
    if (!file.ok) throw new Error('the file must parse');
    const result = toLaunchTemplate(file.body);
    expect(result.ok).toBe(taken);
    if (!result.ok) for (const allowed of CLOUDS) expect(result.message).toContain(allowed);
  });

  it.each(CLOUD_TYPES)('$value: the picker, the plan and the Pods view name it the same', ({ value, name, short }) => {
    const body = { name: 'p', templateId: 't', cloud: value, env: {} } as PodCreateInput;
    expect(planLines(body, undefined, [])).toContain(`Cloud: ${name}`);
    const pod = { id: 'p', name: 'p', image: 'i', status: 'RUNNING', actions: [], cloud: value, env: {}, createdAt: '2026-01-01T00:00:00Z' } as Pod;
    expect(describePod(pod).tooltip).toContain(`Cloud: ${name}`);
    expect(cloudChoices(cpuChoice(), 1).find((c) => c.cloud === value)?.label).toBe(name);
    const [gpu] = gpuChoices(defaultCatalog());
    expect(gpu!.description).toContain(`${short} $`);
    const cheapest = countChoices(gpu!)[0]!.description;
    expect(CLOUD_TYPES.some((c) => cheapest.endsWith(`(${c.short})`))).toBe(true);
  });

  it("gpus list (the command line) has a price column per cloud of the table, headed as --cloud takes it, and each cloud's availability in that order", () => {
    // A GPU offered in every cloud of the table, at a price and an availability of its own in each.
    const per = <T>(value: (i: number) => T) => Object.fromEntries(CLOUD_TYPES.map((c, i) => [c.catalogKey, value(i)]));
    const levels = ['High', 'Low', 'Medium'];
    const gpu = { id: 'g', name: 'g', memory: 24, maxCount: 2, ...per(() => true), price: per((i) => 0.25 * (i + 1)), availability: per((i) => levels[i % 3]) } as unknown as GpuType;
    const [header, row] = gpuTable([gpu], true).trimEnd().split('\n').map((line) => line.split(/ {2,}/));
    expect(header).toEqual(['ID', 'MEMORY', ...CLOUDS, 'MAX', `AVAILABLE (${CLOUDS.join('/')})`]);
    expect(row).toEqual(['g', '24 GB', ...CLOUD_TYPES.map((_, i) => `$${(0.25 * (i + 1)).toFixed(2)}/hr`), '2', CLOUD_TYPES.map((_, i) => levels[i % 3]).join('/')]);
  });

  it("a listed Pod's cloud is shown as RunPod sent it: a new value as is, none when missing or not text (never the default in its place)", () => {
    const listed = (extra: Record<string, unknown>) => describePod(parsePod({ id: 'p', status: 'RUNNING', ...extra })).tooltip;
    expect(listed({ cloud: 'COMMUNITY' })).toContain('Cloud: Community Cloud');
    expect(listed({ cloud: 'ORBITAL' })).toContain('Cloud: ORBITAL');
    expect(listed({})).not.toContain('Cloud:');
    expect(listed({ cloud: 7 })).not.toContain('Cloud:');
  });

  it('pickers list the clouds in the table\'s order', () => {
    expect(cloudChoices(cpuChoice(), 1).map((c) => c.cloud)).toEqual(CLOUDS);
  });
});

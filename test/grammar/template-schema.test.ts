// The JSON schema contributed for *.runpod.json (schemas/runpod-template.schema.json), checked with Ajv, a
// standards-following draft-07 validator, so what VS Code reports while the user types matches what the RunPod v2
// API would reject with 422.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { RESOURCE_NAME_MAX_LENGTH } from '../../server/src/template/names';
import { MAX_POD_ENV_VARIABLES } from '../../server/src/template/rules/keys';
import { IMAGE_MAX_LENGTH, imageProblem } from '../../client/src/serverless/endpointBody';
import { OLDER_FIELDS, olderFieldMessage } from '../../client/src/launch/olderFields';
import { FILE_FIELDS, parseTemplateFile, toLaunchTemplate, toTemplateInput } from '../../client/src/launch/templateFile';

const repoRoot = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'runpod-template.schema.json'), 'utf8')) as {
  properties: Record<string, { description?: string; errorMessage?: string; doNotSuggest?: boolean; not?: unknown }>;
};

// Keywords VS Code's JSON language service understands for hovers and messages; Ajv's strict mode rejects
// keywords it does not know (which catches typos in the schema), so they are declared here as annotations.
// strictRequired is off: `if: { not: { required: [...] } }` names properties defined at the top level, as draft-07
// intends. Union types (registry: string or null) are standard draft-07.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
for (const keyword of ['markdownDescription', 'patternErrorMessage', 'enumDescriptions', 'defaultSnippets', 'errorMessage']) {
  ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'object'] });
}
ajv.addKeyword({ keyword: 'doNotSuggest', schemaType: 'boolean' });
const validate = ajv.compile(schema);

function readFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(repoRoot, 'test', 'grammar', 'fixtures', name), 'utf8')) as Record<string, unknown>;
}

/** Validates and returns the errors as `path keyword` strings (`path required property` for a missing one), [] when valid. */
function errorsOf(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => {
    const missing = e.keyword === 'required' ? ` ${String((e.params as { missingProperty: string }).missingProperty)}` : '';
    return `${e.instancePath || '/'} ${e.keyword}${missing}`;
  });
}

const template = readFixture('llm-template.runpod.json');
const pod = readFixture('train-pod.runpod.json');

describe('*.runpod.json schema', () => {
  it('accepts a realistic template and a realistic pod body from templateId', () => {
    expect(errorsOf(template)).toEqual([]);
    expect(errorsOf(pod)).toEqual([]);
  });

  it('accepts a CPU pod body (cpu instead of gpu), cpu an object as a Pod body sends it; flags `cpu: true`', () => {
    expect(errorsOf({ name: 'cpu-box', image: 'ubuntu:24.04', cpu: {}, cloud: 'COMMUNITY' })).toEqual([]);
    expect(errorsOf({ name: 'cpu-box', image: 'ubuntu:24.04', cpu: { vcpuCount: 4 } })).toEqual([]);
    expect(errorsOf({ name: 'cpu-box', image: 'ubuntu:24.04', cpu: true })).toEqual(['/cpu type']);
  });

  it('flags an empty or blank GPU id, which Launch Pod and Deploy Endpoint refuse (templateFile.ts gpuOf)', () => {
    expect(errorsOf({ ...pod, gpu: { id: '' } })).toContain('/gpu/id pattern');
    expect(errorsOf({ ...pod, gpu: { id: ' \t ', count: 1 } })).toContain('/gpu/id pattern');
    expect(errorsOf({ ...pod, gpu: { id: 'NVIDIA A40', count: 1 } })).toEqual([]);
  });

  it('rejects unknown fields, as the v2 API does with 422', () => {
    expect(errorsOf({ ...template, diskInGb: 20 })).toContain('/ additionalProperties');
    expect(errorsOf({ ...pod, gpu: { id: 'NVIDIA A40', count: 1, type: 'x' } })).toContain('/gpu additionalProperties');
    expect(errorsOf({ ...template, mounts: { volume: { size: 1, path: '/v' } } })).toContain('/mounts additionalProperties');
  });

  it('rejects wrong types', () => {
    expect(errorsOf({ ...template, disk: '40' })).toContain('/disk type');
    expect(errorsOf({ ...template, ports: '8888/http' })).toContain('/ports type');
    expect(errorsOf({ ...template, env: { PORT: 8888 } })).toContain('/env/PORT type');
    expect(errorsOf({ ...template, startSsh: 'yes' })).toContain('/startSsh type');
    expect(errorsOf({ ...pod, gpu: { id: 'NVIDIA A40', count: 1.5 } })).toContain('/gpu/count type');
  });

  it('rejects a category, cloud or port outside the documented values', () => {
    expect(errorsOf({ ...template, category: 'nvidia' })).toContain('/category enum');
    expect(errorsOf({ ...template, category: 'TPU' })).toContain('/category enum');
    expect(errorsOf({ ...pod, cloud: 'PRIVATE' })).toContain('/cloud enum');
    expect(errorsOf({ ...template, ports: ['8888/udp'] })).toContain('/ports/0 pattern');
    expect(errorsOf({ ...template, ports: ['70000/tcp'] })).toContain('/ports/0 pattern');
    expect(errorsOf({ ...template, ports: ['8888'] })).toContain('/ports/0 pattern');
    expect(errorsOf({ ...template, allowedCudaVersions: ['12'] })).toContain('/allowedCudaVersions/0 pattern');
  });

  it('limits env to MAX_POD_ENV_VARIABLES, the most a Pod takes, and its descriptions say that number', () => {
    const env = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`VAR_${i}`, `${i}`]));
    expect(errorsOf({ ...template, env: env(MAX_POD_ENV_VARIABLES) })).toEqual([]);
    expect(errorsOf({ ...template, env: env(MAX_POD_ENV_VARIABLES + 1) })).toContain('/env maxProperties');
    const described = schema.properties['env'] as { description: string; markdownDescription: string };
    expect(described.description).toContain(`At most ${MAX_POD_ENV_VARIABLES}.`);
    expect(described.markdownDescription).toContain(`at most **${MAX_POD_ENV_VARIABLES}**`);
  });

  it('requires a name, and an image unless the pod starts from a templateId', () => {
    const { name: _name, ...withoutName } = template;
    expect(errorsOf(withoutName)).toEqual(['/ required name']);
    const { image: _image, ...withoutImage } = template;
    expect(errorsOf(withoutImage)).toContain('/ required image');
    expect(errorsOf({ name: 'from-template', templateId: '30zmvf89kd' })).toEqual([]);
  });

  it('takes a name of at most the length Push Template, Launch Pod and Deploy Endpoint send, and flags a longer one', () => {
    // Tied to the client's constant, so the editor and the commands cannot drift apart on the limit.
    expect(errorsOf({ ...template, name: 'n'.repeat(RESOURCE_NAME_MAX_LENGTH) })).toEqual([]);
    expect(errorsOf({ ...template, name: 'n'.repeat(RESOURCE_NAME_MAX_LENGTH + 1) })).toEqual(['/name maxLength']);
    expect(errorsOf({ ...pod, name: 'n'.repeat(RESOURCE_NAME_MAX_LENGTH + 1) })).toEqual(['/name maxLength']);
  });

  it("flags an image longer than the editor's image boxes and the commands take (imageProblem), which RunPod would answer with a 422", () => {
    expect(errorsOf({ ...template, image: 'i'.repeat(IMAGE_MAX_LENGTH) })).toEqual([]);
    expect(errorsOf({ ...template, image: 'i'.repeat(IMAGE_MAX_LENGTH + 1) })).toEqual(['/image maxLength']);
    expect(imageProblem('i'.repeat(IMAGE_MAX_LENGTH + 1))).toBeDefined();
    expect(imageProblem('i'.repeat(IMAGE_MAX_LENGTH))).toBeUndefined();
  });

  it('rejects a pod body with both gpu and cpu; a null one is neither (it asks for nothing), so beside the other it is no conflict', () => {
    expect(errorsOf({ ...pod, cpu: {} })).toContain('/ not');
    expect(errorsOf({ ...pod, cpu: null })).toEqual([]);
    expect(errorsOf({ name: 'cpu-box', image: 'ubuntu:24.04', gpu: null, cpu: {} })).toEqual([]);
  });

  it('takes null exactly where the tools do (every field of the reader\'s table, FILE_FIELDS): a null the tools read as asking for nothing is no squiggle, a null they refuse is one', () => {
    const nullTaken: string[] = [];
    for (const field of FILE_FIELDS) {
      const document = { name: 'n', image: 'i', [field]: null };
      const read = parseTemplateFile(JSON.stringify(document));
      // Push Template and Launch Pod, in the editor and on the command line (Deploy Endpoint reads nulls by the same asksFor).
      const toolsTake = read.ok && toTemplateInput(read.body).ok && toLaunchTemplate(read.body).ok;
      expect(errorsOf(document), field).toEqual(toolsTake ? [] : expect.arrayContaining([`/${field} type`]));
      if (toolsTake) nullTaken.push(field);
    }
    // Both kinds exist: the name, image and env a file is read by are never null.
    expect(nullTaken).toContain('gpu');
    expect(nullTaken).toContain('registry');
    expect(nullTaken).not.toContain('name');
  });

  it('a templateId set to null names no template, so the image is required as without one', () => {
    expect(errorsOf({ name: 'from-template', templateId: null })).toContain('/ required image');
    expect(errorsOf({ name: 'from-template', templateId: null, image: 'i' })).toEqual([]);
  });

  it("gives each field of RunPod's older APIs the reader's message (one table, olderFields.ts), not offered in completion", () => {
    for (const { old } of OLDER_FIELDS) {
      const definition = schema.properties[old];
      // `not: {}` fails any value; VS Code's JSON language service then shows `errorMessage` on it.
      expect(definition, old).toMatchObject({ not: {}, errorMessage: `${olderFieldMessage(old)}.`, doNotSuggest: true });
      expect(errorsOf({ ...template, [old]: 1 }), old).toContain(`/${old} not`);
    }
    // No other field is marked that way: the table is the whole list.
    const marked = Object.entries(schema.properties).filter(([, d]) => d.not !== undefined).map(([f]) => f);
    expect(marked.sort()).toEqual(OLDER_FIELDS.map((f) => f.old).sort());
  });

  it('documents every top-level field for hovers', () => {
    for (const [field, definition] of Object.entries(schema.properties)) {
      expect(definition.description, field).toMatch(/\w{3,}/);
    }
  });
});

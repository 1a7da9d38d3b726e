/**
 * `/v2/templates`: the account's own templates (list shows own only; get also serves public
 * templates of others), unique names, and delete refused (400) while a pod still uses one.
 */
import type { Template, TemplateInput } from '../../client/src/runpod/types';
import type { Ctx, Handler } from './context';
import { randomId } from './ids';
import { notFound, ProblemError, validationError } from './problem';
import { endpointsUsing } from './serverless';
import type { StoredTemplate } from './store';
import { arrayOf, boolean, envObject, integer, nullable, object, oneOf, parseBody, port, string, type Schema } from './validate';
import { ARGS_MAX_CHARS, CUDA_VERSIONS_MAX, DISK_MAX_GB, IMAGE_MAX_CHARS, PORTS_MAX, RESOURCE_NAME_MAX_CHARS, TEMPLATE_MAX_ENV } from './limits';

const mounts = object({
  persistent: { check: object({ size: { required: true, check: integer(1, DISK_MAX_GB) }, path: { required: true, check: string({ min: 1, pattern: /^\//, patternHint: 'must be an absolute path' }) } }) },
});

/** Template fields as the facts page lists them; `required` applies on create only. */
const templateSchema: Schema = {
  name: { required: true, check: string({ min: 1, max: RESOURCE_NAME_MAX_CHARS }) },
  image: { required: true, check: string({ min: 1, max: IMAGE_MAX_CHARS }) },
  args: { check: string({ max: ARGS_MAX_CHARS }) },
  disk: { check: integer(1, DISK_MAX_GB) },
  env: { check: envObject(TEMPLATE_MAX_ENV) },
  ports: { check: arrayOf(port, PORTS_MAX) },
  registry: { check: nullable(string({ min: 1 })) },
  mounts: { check: mounts },
  serverless: { check: boolean },
  public: { check: boolean },
  category: { check: oneOf(['NVIDIA', 'AMD', 'CPU']) },
  startSsh: { check: boolean },
  startJupyter: { check: boolean },
  allowedCudaVersions: { check: arrayOf(string({ pattern: /^\d+\.\d+$/, patternHint: 'must look like "12.8"' }), CUDA_VERSIONS_MAX) },
};

const patchSchema: Schema = Object.fromEntries(Object.entries(templateSchema).map(([k, spec]) => [k, { check: spec.check }]));

/** Public shape (drops the fake's owner bookkeeping). */
export function toTemplate(stored: StoredTemplate): Template {
  const { owner: _owner, ...template } = stored;
  return template;
}

function find(ctx: Ctx, id: string): StoredTemplate {
  const template = ctx.store.state.templates.find((t) => t.id === id);
  if (!template) throw notFound('template', id);
  return template;
}

/** Adds a template with RunPod's defaults (also used by seeding). */
export function addTemplate(ctx: Ctx, input: TemplateInput, owner: StoredTemplate['owner'] = 'self'): StoredTemplate {
  if (ctx.store.state.templates.some((t) => t.name === input.name)) {
    throw new ProblemError(409, `a template named ${JSON.stringify(input.name)} already exists`);
  }
  const { name, image, ...rest } = input;
  const stored: StoredTemplate = {
    id: randomId(10),
    name,
    image,
    args: '',
    disk: 20,
    ports: [],
    registry: null,
    mounts: {},
    serverless: false,
    public: false,
    category: 'NVIDIA',
    startSsh: true,
    startJupyter: false,
    allowedCudaVersions: [],
    ...rest,
    env: { ...(input.env ?? {}) },
    owner,
  };
  ctx.store.state.templates.push(stored);
  return stored;
}

export const listTemplates: Handler = (ctx) => ({
  status: 200,
  body: { templates: ctx.store.state.templates.filter((t) => t.owner === 'self').map(toTemplate) },
});

export const getTemplate: Handler = (ctx, [id]) => {
  const template = find(ctx, id!);
  if (template.owner !== 'self' && !template.public) throw notFound('template', id!);
  return { status: 200, body: toTemplate(template) };
};

export const createTemplate: Handler = (ctx, _params, body) => {
  const input = parseBody<TemplateInput>(body, templateSchema);
  const stored = addTemplate(ctx, input);
  ctx.store.commit();
  return { status: 201, body: toTemplate(stored) };
};

export const updateTemplate: Handler = (ctx, [id], body) => {
  const template = find(ctx, id!);
  if (template.owner !== 'self') throw new ProblemError(403, 'only the owner can update a template');
  const patch = parseBody<Partial<TemplateInput>>(body, patchSchema);
  if (Object.keys(patch).length === 0) throw validationError(['body: give at least one field to update']);
  if (patch.name !== undefined && patch.name !== template.name && ctx.store.state.templates.some((t) => t.name === patch.name)) {
    throw new ProblemError(409, `a template named ${JSON.stringify(patch.name)} already exists`);
  }
  // Existing pods keep the snapshot they copied at create.
  Object.assign(template, patch);
  ctx.store.commit();
  return { status: 200, body: toTemplate(template) };
};

export const deleteTemplate: Handler = (ctx, [id]) => {
  const template = find(ctx, id!);
  if (template.owner !== 'self') throw new ProblemError(403, 'only the owner can delete a template');
  const users = ctx.store.state.pods.filter((p) => p.templateId === template.id);
  if (users.length > 0) {
    throw new ProblemError(400, `template ${template.id} is in use by ${users.length} pod(s) (${users.map((p) => p.id).join(', ')}); terminate them first`);
  }
  const endpoints = endpointsUsing(ctx, template.id);
  if (endpoints.length > 0) {
    throw new ProblemError(400, `template ${template.id} is in use by ${endpoints.length} endpoint(s) (${endpoints.map((e) => e.id).join(', ')}); delete them first`);
  }
  ctx.store.state.templates = ctx.store.state.templates.filter((t) => t !== template);
  ctx.store.commit();
  return { status: 204 };
};

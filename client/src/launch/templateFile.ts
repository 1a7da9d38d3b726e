/**
 * The one reader of `*.runpod.json` files (a v2 template body, or a Pod create body) for Launch Pod
 * and Push Template, in the editor and on the command line alike. JSON with comments and trailing
 * commas is accepted, as the editor's JSON language does, so a file the editor shows without a
 * squiggle never fails on the command line. `$schema` is an editor hint that RunPod's strict
 * schemas would reject with 422, so it is dropped.
 *
 * Messages say what is wrong and where (line and column), and never quote the file: it may be a
 * symlink to a credential, or hold escape sequences meant for a terminal.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TemplateInput } from '../runpod/types';
import { CLOUD_VALUES_TEXT, isCloud } from '../runpod/clouds';
import { copyDefined, LATE_POD_FIELDS, mergeEnv, type TemplateFile } from './plan';
import { olderFieldMessage } from './olderFields';
import { closestName, invalidKeyMessage } from '../../../server/src/template/index';
import { clip, nameText } from '../../../server/src/template/displayText';
import { jsonTooDeepAt } from '../../../server/src/template/readers/jsonWalk';
import { nestedTooDeeply } from '../../../server/src/template/readers/tooDeep';
import templateSchema from '../../../schemas/runpod-template.schema.json';

/**
 * Fields only a Pod create body has (the schema's "Pod only" fields); left out, and named, when the
 * file is pushed as a template.
 */
export const POD_ONLY_FIELDS = ['templateId', 'gpu', 'cpu', 'cloud', 'dataCenterIds'] as const;

/**
 * The fields a launch sends besides name, image and env: those of a Pod create body (runpod-api.md
 * "Pods"). Every other field the template schema knows is left out and named (`dropped`),
 * `"serverless": false` and a template's `args` alike: v2 would reject it with 422.
 */
export const LAUNCH_FIELDS = ['templateId', 'gpu', 'cpu', 'cloud', 'disk', ...LATE_POD_FIELDS] as const;

/**
 * The fields a `*.runpod.json` file may hold: the properties of the schema the editor validates it
 * with (schemas/runpod-template.schema.json), less `$schema` and the older APIs' names, which the
 * reader refuses. A launch, a deploy or a push refuses any other field ({@link unknownFieldRefusal}).
 */
export const FILE_FIELDS: readonly string[] = Object.keys(templateSchema.properties).filter((f) => f !== '$schema' && olderFieldMessage(f) === undefined);
/**
 * The fields whose null RunPod gives a meaning, so a create or PATCH sends it (runpod-api.md:
 * `registry` is an id or null, no credential). Every other field's null asks for nothing
 * ({@link asksFor}); the schema takes null in both kinds, so it cannot tell them apart.
 */
export const NULL_SENT_FIELDS: readonly string[] = ['registry'];
/** Longest part of an unknown field's name a refusal shows (it is file content). */
const MAX_FIELD_NAME_SHOWN = 60;

/** The file's contents, `$schema` removed, fields checked for their basic JSON type. */
export interface TemplateFileBody {
  /** Required to push a template; a launch can name the Pod elsewhere. */
  name?: string;
  image?: string;
  env: Record<string, string>;
  /** Every other field as written (validated by RunPod, which names bad fields in its 422). */
  rest: Record<string, unknown>;
}

/**
 * Whether the file is a serverless template (`"serverless": true`): it makes an endpoint (Deploy
 * Endpoint), never a Pod. The one test behind Launch Pod's refusal and list, Deploy Endpoint's list
 * and the CodeLenses (serverless/endpointSource.ts isServerlessTemplateText reads a text by it).
 */
export function isServerlessTemplate(body: TemplateFileBody): boolean {
  return body.rest['serverless'] === true;
}

/** One problem with the file: what, and where (`offset` to open the file at; 1-based line and column). */
export interface TemplateFileError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

/**
 * Why a file that reads cannot do what a flow asks (launch a Pod, deploy an endpoint): the reason,
 * a sentence that names neither the file nor the flow (the editor's refusal, fileRefusal.ts, and
 * the command line add their own lead), and the key the fix is at (`"cloud"`, or a path into
 * objects such as `["config", "runsOn"]`), to open the file there (fieldOffset).
 */
export interface FieldRefusal {
  ok: false;
  message: string;
  field: string | readonly string[];
}

export type TemplateFileResult = { ok: true; body: TemplateFileBody } | { ok: false; errors: TemplateFileError[] };

const MAX_ERRORS = 5;

/**
 * Parses a template file. Never throws: bad JSON, a non-object or a field of the wrong type give
 * `ok: false` with one message per problem, each with its position.
 */
export function parseTemplateFile(text: string): TemplateFileResult {
  // A UTF-8 BOM is tolerated by editors; jsonc-parser calls it an invalid symbol. A space keeps offsets.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const at = positions(text);
  // jsonc-parser recurses once per level: a file nested 100,000 deep overflowed the stack. The
  // readers' own walk decides (one rule, tooDeep.ts), so `check` and a launch agree on what is too deep.
  const tooDeep = jsonTooDeepAt(text);
  if (tooDeep !== undefined) return { ok: false, errors: [at(tooDeep.at, nestedTooDeeply('JSON', tooDeep.cause))] };
  const parseErrors: ParseError[] = [];
  const root = parseTree(source, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length > 0 || !root) {
    if (parseErrors.length === 0) return { ok: false, errors: [at(0, 'Not valid JSON: the file holds no value')] };
    return { ok: false, errors: parseErrors.slice(0, MAX_ERRORS).map((e) => at(e.offset, `Not valid JSON: ${describeParseError(e)}`)) };
  }
  if (root.type !== 'object') return { ok: false, errors: [at(root.offset, 'A *.runpod.json file must hold one JSON object (a template or Pod body)')] };

  const errors: TemplateFileError[] = [];
  const fields = new Map<string, Node>();
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    fields.set(keyNode.value as string, valueNode); // the last of a duplicate wins, as in JSON.parse
    // v2 has no such field (422 on a push; a launch would leave it out): say what it is called now.
    const older = olderFieldMessage(keyNode.value as string);
    if (older !== undefined) errors.push(at(keyNode.offset, older));
  }
  const stringField = (field: 'name' | 'image'): string | undefined => {
    const node = fields.get(field);
    if (node === undefined) return undefined;
    if (node.type !== 'string' || (node.value as string).trim() === '') {
      errors.push(at(node.offset, `"${field}" must be a non-empty string`));
      return undefined;
    }
    return node.value as string;
  };
  const name = stringField('name');
  const image = stringField('image');
  const env = new Map<string, string>();
  const envNode = fields.get('env');
  if (envNode !== undefined) {
    if (envNode.type !== 'object') {
      const older = envNode.type === 'array' ? ' (REST v2; not the older list of {"key", "value"} entries)' : '';
      errors.push(at(envNode.offset, `"env" must be an object of NAME: "value" strings${older}`));
    }
    for (const property of envNode.type === 'object' ? (envNode.children ?? []) : []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      // The key is not quoted in the message: it is file content. A key the editor marks invalid is
      // never sent (the env-key rule, names.ts isEnvKey), as an env file's (launch/varsFile.ts).
      const badKey = invalidKeyMessage(keyNode.value as string);
      if (badKey !== undefined) errors.push(at(keyNode.offset, badKey.replace(/\.$/, '')));
      if (valueNode.type === 'string') env.set(keyNode.value as string, valueNode.value as string);
      else errors.push(at(valueNode.offset, 'env values must be strings (RunPod env values are strings; quote numbers and booleans)'));
    }
  }
  // Other fields' shapes are RunPod's to check (its 422 names them); this one is the older GraphQL API's habit.
  const ports = fields.get('ports');
  if (ports?.type === 'string') errors.push(at(ports.offset, '"ports" must be a list of strings, for example ["8888/http", "22/tcp"] (REST v2; not one comma-separated string)'));
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };

  const rest = new Map<string, unknown>();
  for (const [key, node] of fields) {
    if (key !== '$schema' && key !== 'name' && key !== 'image' && key !== 'env') rest.set(key, getNodeValue(node));
  }
  // Built from Maps, so a key like `__proto__` stays a plain key.
  const body: TemplateFileBody = { env: Object.fromEntries(env), rest: Object.fromEntries(rest) };
  if (name !== undefined) body.name = name.trim();
  if (image !== undefined) body.image = image;
  return { ok: true, body };
}

/**
 * The body to send to POST/PATCH /v2/templates: template fields only, as written ({@link fieldsAsWritten}).
 * Pod-only fields are reported in `leftOut` (RunPod would reject them with 422); a field the
 * template schema does not know is refused, as Launch Pod and Deploy Endpoint refuse it.
 */
export function toTemplateInput(body: TemplateFileBody): { ok: true; input: TemplateInput; leftOut: string[] } | FieldRefusal {
  const unknown = unknownFieldRefusal(body);
  if (unknown) return unknown;
  const take = Object.keys(body.rest).filter((field) => !(POD_ONLY_FIELDS as readonly string[]).includes(field));
  const input = { ...fieldsAsWritten(body, take), name: body.name ?? '', image: body.image ?? '', env: { ...body.env } } as TemplateInput;
  return { ok: true, input, leftOut: droppedFields(body, take) };
}

/**
 * The file as a Pod launch reads it: the Pod fields it sends ({@link LAUNCH_FIELDS}), and every
 * other field of a template, which it drops and names in `dropped` (a template's `args`,
 * `"serverless": false`); a field the template schema does not know is refused. Shape checks of the fields a launch interprets itself (gpu, cpu, cloud);
 * the rest pass through as written and RunPod answers a bad one with a 422 naming it. Never throws.
 */
export function toLaunchTemplate(body: TemplateFileBody): { ok: true; template: TemplateFile; dropped: string[] } | FieldRefusal {
  const o = body.rest;
  if (isServerlessTemplate(body)) {
    return fieldRefusal('serverless', 'this is a serverless template ("serverless": true): it makes an endpoint, not a Pod. Deploy it with RunPod: Deploy Endpoint (runpod-check endpoints deploy on the command line)');
  }
  const template: TemplateFile = { env: mergeEnv(body.env, undefined) };
  if (body.name !== undefined) template.name = body.name;
  if (body.image !== undefined) template.image = body.image;
  const templateId = templateIdOf(body);
  if (typeof templateId === 'object') return templateId;
  if (templateId !== undefined) template.templateId = templateId;
  // A null asks for nothing (asksFor), as in Deploy Endpoint: the default cloud, no CPU Pod.
  const cloud = o['cloud'];
  if (asksFor(cloud)) {
    if (!isCloud(cloud)) return fieldRefusal('cloud', `"cloud" must be ${CLOUD_VALUES_TEXT}`);
    template.cloud = cloud;
  }
  const gpu = gpuOf(body);
  if (gpu && 'ok' in gpu) return gpu;
  if (gpu) template.gpu = gpu;
  // The schema's shape: a launch sends it as the CPU choice (podBody.ts), and `false` is no CPU Pod.
  const cpu = o['cpu'];
  if (asksFor(cpu)) {
    if (!isPlainObject(cpu)) return fieldRefusal('cpu', `"cpu" must be an object ({} for RunPod's default)`);
    template.cpu = cpu;
  }
  // Passed through as written: the API validates their shape and answers with a clear 422.
  copyDefined(template, fieldsAsWritten(body, ['disk', ...LATE_POD_FIELDS]) as Partial<TemplateFile>, ['disk', ...LATE_POD_FIELDS]);
  const unknown = unknownFieldRefusal(body);
  if (unknown) return unknown;
  return { ok: true, template, dropped: droppedFields(body, LAUNCH_FIELDS) };
}

/**
 * The file's `gpu` (a Pod's shape: GPU type id and count, default 1; what a launch sends, and where
 * Launch Pod's count step starts, gpuChoices.ts startingGpuCount), undefined when it asks for
 * none (left out, or null: {@link asksFor}), or the refusal of a malformed one or of an empty or blank id. One reading for Launch Pod and Deploy Endpoint (which takes
 * the GPU type's pool from it).
 */
export function gpuOf(body: TemplateFileBody): { id: string; count: number } | undefined | FieldRefusal {
  const g = body.rest['gpu'] as { id?: unknown; count?: unknown } | undefined;
  if (!asksFor(g)) return undefined;
  if (!isPlainObject(g) || typeof g.id !== 'string' || (g.count !== undefined && !isPositiveInt(g.count))) {
    return fieldRefusal('gpu', '"gpu" must be {"id": string, "count"?: positive integer}');
  }
  // No GPU type to launch or to take the pool of; the editor's schema marks it too (gpu.id's pattern).
  if (g.id.trim() === '') return fieldRefusal(['gpu', 'id'], '"gpu" must name a GPU type: its "id" is empty');
  return { id: g.id, count: (g.count as number | undefined) ?? 1 };
}

/**
 * Of the fields a create takes as written (`take`), those the file sets, as it sends them. A field
 * set to null asks for nothing: it is left out (RunPod's strict schemas answer 422 to `"ports":
 * null`), but where RunPod gives null a meaning ({@link NULL_SENT_FIELDS}) it is sent
 * (`"registry": null`: no credential, over a template's on a create, clearing one on a PATCH;
 * runpod-api.md). The one rule of a null for Launch Pod, Deploy Endpoint and Push Template.
 */
export function fieldsAsWritten(body: TemplateFileBody, take: readonly string[]): Record<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const field of take) {
    const value = body.rest[field];
    if (asksFor(value) || (value === null && NULL_SENT_FIELDS.includes(field))) fields.set(field, value);
  }
  return Object.fromEntries(fields);
}

/** Whether a file's field value asks for something: one left out, or set to null, asks for nothing (the one rule of the flows above). */
export function asksFor(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * The fields of the file a create leaves out and names (Launch Pod's `dropped`, Deploy Endpoint's):
 * each one it does not `take`, but one set to null, which asks for nothing (`"registry": null` is
 * no credential lost), so leaving it out changes nothing ({@link fieldsAsWritten}).
 */
export function droppedFields(body: TemplateFileBody, take: readonly string[]): string[] {
  return Object.entries(body.rest)
    .filter(([field, value]) => asksFor(value) && !take.includes(field))
    .map(([field]) => field);
}

/**
 * The refusal of the file's first field the template schema does not know ({@link FILE_FIELDS}),
 * or undefined: `"startSSh" is no field of a template or Pod body; did you mean "startSsh"?` (the
 * name shown by the one name rule, cut short). The one field check of Launch Pod, Deploy
 * Endpoint (serverless/endpointSource.ts) and Push Template ({@link toTemplateInput}), in the
 * editor and on the command line: a typo left out would start paid Pods or workers without what
 * the user asked for, and a push would get RunPod's 422 after the checks.
 */
export function unknownFieldRefusal(body: TemplateFileBody): FieldRefusal | undefined {
  // Fields of the older APIs never get here: the reader refuses them, naming the v2 field.
  const field = Object.keys(body.rest).find((f) => !FILE_FIELDS.includes(f));
  if (field === undefined) return undefined;
  // The one "did you mean" rule (names.ts closestName), as for secret names.
  const likely = closestName(field, FILE_FIELDS);
  const hint = likely === undefined ? '' : `; did you mean "${likely}"?`;
  return fieldRefusal(field, `"${clip(nameText(field), MAX_FIELD_NAME_SHOWN)}" is no field of a template or Pod body${hint}`);
}

/**
 * What a launch or a deploy (`create`: what it creates) says of the fields it left out (`dropped`),
 * on the command line and in the editor's summary alike. A Pod create takes no `registry`
 * (runpod-api.md "Pods": the body's fields; a PATCH can set it later), so the credential a private
 * image needs is said to be lost; an endpoint create takes it.
 */
export function droppedFieldsText(dropped: readonly string[], create: 'Pod' | 'endpoint' = 'Pod'): string {
  const registry = create === 'Pod' && dropped.includes('registry') ? '; a Pod create takes no registry credential, so a private image may fail to pull' : '';
  return `not sent (fields ${create === 'Pod' ? 'a Pod' : 'an endpoint'} create does not take): ${dropped.join(', ')}${registry}`;
}

/** A refusal of the file's `field` for `reason` (a phrase, or a question), in a sentence as every flow says it. */
export function fieldRefusal(field: string | readonly string[], reason: string): FieldRefusal {
  return { ok: false, message: reason.endsWith('?') ? reason : `${reason}.`, field };
}

/** The template the file names by `templateId` (undefined: none, left out or null: {@link asksFor}), or why that field cannot be sent. */
export function templateIdOf(body: TemplateFileBody): string | undefined | FieldRefusal {
  const templateId = body.rest['templateId'];
  if (!asksFor(templateId)) return undefined;
  if (typeof templateId === 'string' && templateId.trim() !== '') return templateId;
  return fieldRefusal('templateId', '"templateId" must be a non-empty string');
}

/**
 * Where a field's key is in a template file's text (`"cloud"`, or a path into objects such as
 * `["config", "runsOn"]`; of a duplicate, the last, which the reader keeps), to open the file
 * there; 0 when the text has no such field.
 */
export function fieldOffset(text: string, field: string | readonly string[]): number {
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text; // as parseTemplateFile: offsets kept
  let node = parseTree(source, [], { allowTrailingComma: true, disallowComments: false });
  let key: Node | undefined;
  for (const name of typeof field === 'string' ? [field] : field) {
    const property = (node?.type === 'object' ? (node.children ?? []) : []).filter((p) => p.children?.[0]?.value === name).at(-1);
    if (!property) return 0;
    [key, node] = property.children ?? [];
  }
  return key?.offset ?? 0;
}

/** A JSON object: not null, not an array. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** An error at `offset`, its message ending in "at line L, column C." (1-based, UTF-16 columns). */
function positions(text: string): (offset: number, what: string) => TemplateFileError {
  let document: TextDocument | undefined;
  return (offset, what) => {
    document ??= TextDocument.create('file:///template.runpod.json', 'json', 0, text);
    const { line, character } = document.positionAt(offset);
    return { message: `${what} at line ${line + 1}, column ${character + 1}.`, offset, line: line + 1, column: character + 1 };
  };
}

function describeParseError(error: ParseError): string {
  // jsonc-parser's codes are identifiers (PropertyNameExpected); make them read as words.
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

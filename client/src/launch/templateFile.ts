/**
 * Reads a `*.runpod.json` file (a v2 template body, or a Pod create body) into plain data for
 * Launch Pod and Push Template. JSON with comments is accepted, as the editor's JSON language does;
 * `$schema` is an editor hint that RunPod's strict schemas would reject with 422, so it is dropped.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { TemplateInput } from '../runpod/types';
import { parseTemplateFile as parsePlanTemplateFile, type TemplateFile } from './plan';

/** Fields only a Pod create body has; left out when the file is pushed as a template. */
const POD_ONLY_FIELDS = ['templateId', 'gpu', 'cpu', 'cloud', 'dataCenterIds'] as const;

/** The file's contents, `$schema` removed, fields checked for their basic JSON type. */
export interface TemplateFileBody {
  name: string;
  image?: string;
  env: Record<string, string>;
  /** Every other field as written (validated by RunPod, which names bad fields in its 422). */
  rest: Record<string, unknown>;
}

export type TemplateFileResult =
  | { ok: true; body: TemplateFileBody }
  | { ok: false; errors: { message: string; offset: number }[] };

const MAX_ERRORS = 5;

/**
 * Parses a template file. Never throws: bad JSON, a non-object, a missing name or a non-string env
 * value give `ok: false` with one message per problem (and the offset to open the file at).
 */
export function parseTemplateFile(text: string): TemplateFileResult {
  const parseErrors: ParseError[] = [];
  const value: unknown = parse(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length > 0) {
    return {
      ok: false,
      errors: parseErrors.slice(0, MAX_ERRORS).map((e) => ({
        message: `Not valid JSON: ${describeParseError(printParseErrorCode(e.error))} at ${lineColumn(text, e.offset)}.`,
        offset: e.offset,
      })),
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ message: 'A *.runpod.json file must hold one JSON object (a template or Pod body).', offset: 0 }] };
  }
  const { $schema: _schema, ...fields } = value as Record<string, unknown>;
  const errors: string[] = [];
  const name = fields.name;
  if (typeof name !== 'string' || name.trim() === '') errors.push('"name" is required and must be a non-empty string.');
  const image = fields.image;
  if (image !== undefined && (typeof image !== 'string' || image.trim() === '')) errors.push('"image" must be a non-empty string.');
  const env: Record<string, string> = {};
  if (fields.env !== undefined) {
    if (typeof fields.env !== 'object' || fields.env === null || Array.isArray(fields.env)) {
      errors.push('"env" must be an object of NAME: "value" strings.');
    } else {
      for (const [key, v] of Object.entries(fields.env as Record<string, unknown>)) {
        if (typeof v === 'string') env[key] = v;
        else errors.push(`"env.${key}" must be a string (RunPod env values are strings; quote numbers and booleans).`);
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS).map((message) => ({ message, offset: 0 })) };
  const { name: _n, image: _i, env: _e, ...rest } = fields;
  const body: TemplateFileBody = { name: (name as string).trim(), env, rest };
  if (typeof image === 'string') body.image = image;
  return { ok: true, body };
}

/**
 * The body to send to POST/PATCH /v2/templates: template fields only. Pod-only fields are reported
 * in `leftOut` (RunPod would reject them with 422); unknown fields are kept so RunPod names them.
 */
export function toTemplateInput(body: TemplateFileBody): { input: TemplateInput; leftOut: string[] } {
  const leftOut: string[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(body.rest)) {
    if ((POD_ONLY_FIELDS as readonly string[]).includes(key)) leftOut.push(key);
    else rest[key] = v;
  }
  const input = { ...rest, name: body.name, image: body.image ?? '', env: { ...body.env } } as TemplateInput;
  return { input, leftOut };
}

/**
 * The file as the launch plan reads it (`plan.ts` `parseTemplateFile`): the comment-free JSON of
 * the parsed body goes through the plan's own checks, so the CLI and the editor agree on what a
 * file launches. Never throws.
 */
export function toLaunchTemplate(body: TemplateFileBody): { ok: true; template: TemplateFile; dropped: string[] } | { ok: false; message: string } {
  try {
    const { template, dropped } = parsePlanTemplateFile(JSON.stringify({ ...body.rest, name: body.name, image: body.image, env: body.env }));
    return { ok: true, template, dropped };
  } catch (error) {
    return { ok: false, message: `This file cannot launch a Pod: ${(error as Error).message}.` };
  }
}

function describeParseError(code: string): string {
  // jsonc-parser's codes are identifiers (PropertyNameExpected); make them read as words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

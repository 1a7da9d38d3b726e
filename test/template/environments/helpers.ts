/** Analyzed files for the environment rules: path and text in, an EnvironmentSource out. */
import { analyze, type SecretCatalog } from '../../../server/src/template';
import type { EnvironmentSource } from '../../../server/src/template/environments';

const UNKNOWN: SecretCatalog = { state: 'unknown', secrets: [] };

export function source(path: string, text: string): EnvironmentSource {
  return { path, text, analysis: analyze(text, /\.json$/.test(path) ? 'runpod-json' : 'runpod-env', UNKNOWN) };
}

export function sources(files: Record<string, string>): EnvironmentSource[] {
  return Object.entries(files).map(([path, text]) => source(path, text));
}

export function catalogOf(...names: string[]): SecretCatalog {
  return { state: 'fresh', secrets: names.map((name) => ({ name })), fetchedAt: '2026-11-20T10:00:00Z' };
}

export const ref = (name: string): string => `{{ RUNPOD_SECRET_${name} }}`;

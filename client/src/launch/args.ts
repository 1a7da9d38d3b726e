/**
 * What the Launch Pod and Push Template commands were invoked with: nothing (palette), a URI
 * (editor or explorer context menu, CodeLens), or an object from another command. Structural
 * checks only, so this runs without VS Code. Which kind a file is is fileKinds.ts's rule, as the
 * caller asks it (runpodFiles.ts runpodFileKind: the resource's globs below its folder, or its
 * folder's runpod.environments declaring it).
 */
import { documentKindFor } from '../../../server/src/template/fileKinds';
import type { DocumentKind } from '../../../server/src/template/types';

/** The URI-like shape VS Code passes; only what is read here. */
export interface UriLike {
  scheme: string;
  path: string;
  toString(): string;
}

export interface LaunchArgs<U extends UriLike = UriLike> {
  /** A `*.runpod.json` file to launch from (step 1 preselected). */
  templateFile?: U;
  /** A runpod-env file whose variables override the template's (step 2 preselected). */
  envFile?: U;
  /**
   * Started with no file (palette) while a runpod-env editor is active: that file is the
   * highlighted choice of step 2, which still shows the list so it can be changed or removed.
   */
  activeEnvFile?: U;
  /** Started with no file while a template file's editor is active: the highlighted choice of step 1 (the list still shows). */
  activeTemplateFile?: U;
}

/** What launchArgs needs of the active editor: its document's URI and language. */
export interface ActiveDocument<U> {
  uri: U;
  languageId: string;
}

export function isUriLike(value: unknown): value is UriLike {
  return typeof value === 'object' && value !== null && typeof (value as UriLike).scheme === 'string' && typeof (value as UriLike).path === 'string';
}


/**
 * What kind a file is read as (fileKinds.ts documentKindFor, by default with the default globs; the
 * extension's runpodFiles.ts runpodFileKind with the file's folder's settings): `languageId` is the
 * open editor's, `''` for a file named by its URI alone.
 */
export type KindOf<U> = (uri: U, languageId: string) => DocumentKind | undefined;

/**
 * Normalises a command argument. A template file URI (kind `runpod-json` as a file on disk) becomes
 * `templateFile`, any other URI the env file; an object with those keys is taken as is; anything
 * else means no preset, and then the active editor becomes `activeEnvFile` when the editor reads it
 * as env lines, `activeTemplateFile` when as a template: by its kind with its language, the one
 * answer the CodeLens and the language server give (runpodFiles.ts isTemplateDocument), not by its
 * language alone (a `.runpod.env` file in another language, a declared `vars.txt`, are env files).
 */
export function launchArgs<U extends UriLike>(arg: unknown, active?: ActiveDocument<U>, kindOf: KindOf<U> = (uri, languageId) => documentKindFor(languageId, uri.path)): LaunchArgs<U> {
  if (isUriLike(arg)) return kindOf(arg as U, '') === 'runpod-json' ? { templateFile: arg as U } : { envFile: arg as U };
  const out: LaunchArgs<U> = {};
  if (typeof arg === 'object' && arg !== null) {
    const record = arg as Record<string, unknown>;
    if (isUriLike(record.templateFile)) out.templateFile = record.templateFile as U;
    if (isUriLike(record.envFile)) out.envFile = record.envFile as U;
  }
  // Only without any file argument: a context menu or CodeLens names the file it was opened on.
  if (!out.templateFile && !out.envFile && active) {
    const kind = kindOf(active.uri, active.languageId);
    if (kind === 'runpod-env') out.activeEnvFile = active.uri;
    else if (kind === 'runpod-json') out.activeTemplateFile = active.uri;
  }
  return out;
}

/** The pod id a Stop/Start/Terminate command was invoked with: a tree item, `{ id }` / `{ podId }`, or a string. */
export function podIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.trim() || undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const record = arg as { podId?: unknown; pod?: { id?: unknown }; id?: unknown };
  for (const candidate of [record.podId, record.pod?.id, record.id]) if (typeof candidate === 'string' && candidate) return candidate;
  return undefined;
}

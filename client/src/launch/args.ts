/**
 * What the Launch Pod and Push Template commands were invoked with: nothing (palette), a URI
 * (editor or explorer context menu, CodeLens), or an object from another command. Structural
 * checks only, so this runs without VS Code. Which files are template files is fileKinds.ts's rule,
 * as the caller asks it (runpodFiles.ts isTemplateUri: the resource's globs below its folder, or its
 * folder's runpod.environments declaring it).
 */
import { isTemplateFile, RUNPOD_ENV_LANGUAGE } from '../../../server/src/template/fileKinds';

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
 * Normalises a command argument. A template file URI (`isTemplate`, by default the default globs)
 * becomes `templateFile`, any other URI the env file; an object with those keys is taken as is;
 * anything else means no preset, and then an active runpod-env editor (`active`) becomes
 * `activeEnvFile`, an active template file's editor `activeTemplateFile`.
 */
export function launchArgs<U extends UriLike>(arg: unknown, active?: ActiveDocument<U>, isTemplate: (uri: U) => boolean = (uri) => isTemplateFile(uri.path)): LaunchArgs<U> {
  if (isUriLike(arg)) return isTemplate(arg as U) ? { templateFile: arg as U } : { envFile: arg as U };
  const out: LaunchArgs<U> = {};
  if (typeof arg === 'object' && arg !== null) {
    const record = arg as Record<string, unknown>;
    if (isUriLike(record.templateFile)) out.templateFile = record.templateFile as U;
    if (isUriLike(record.envFile)) out.envFile = record.envFile as U;
  }
  // Only without any file argument: a context menu or CodeLens names the file it was opened on.
  if (!out.templateFile && !out.envFile && active) {
    if (active.languageId === RUNPOD_ENV_LANGUAGE) out.activeEnvFile = active.uri;
    else if (isTemplate(active.uri)) out.activeTemplateFile = active.uri;
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

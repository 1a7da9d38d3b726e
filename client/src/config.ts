/**
 * The one typed view of the extension's `runpod.*` settings, and the classification of a change:
 * which settings need a new API client (and a refresh) and which a server restart. The language
 * server reads `runpod.diagnostics.severity` itself (synchronize.configurationSection), through the
 * core's parser; the extension never interprets it.
 * Pure: callers pass `vscode.workspace.getConfiguration('runpod')` and the change event.
 */
import { API_URL_SETTING, normalizeBaseUrl, originOf } from './runpod/baseUrl';
import { TIMEOUT_SETTING, timeoutFromSetting } from './runpod/timeout';
import { fileGlobProblems, normalizeFileGlobs } from '../../server/src/template/fileKinds';
import { normalizeRotationDays, rotationDaysProblem } from '../../server/src/template/valueAge';
import { severitySetting } from '../../server/src/template/severity';
import { parseEnvironmentDeclarations, type EnvironmentDeclaration } from '../../server/src/template/environments/index';
import { isAccountName } from './auth/accountNames';

export const CONFIG_SECTION = 'runpod';

/** The part of `vscode.WorkspaceConfiguration` this module reads. */
export interface ConfigurationLike {
  get<T>(key: string): T | undefined;
  inspect<T>(key: string): { defaultValue?: T; globalValue?: T } | undefined;
}

/**
 * `runpod.apiUrl` after the one URL rule (`normalizeBaseUrl`): where the key is sent and the origin
 * a stored key must be saved for, or why the setting is refused. Never the text as typed: it may
 * hold a user name, a password or a token in its query, so nothing may log it before this check.
 */
export type ApiUrlSetting = { ok: true; url: string; origin: string } | { ok: false; problem: string };

/** Checks a typed API URL (blank means RunPod's own). */
export function checkApiUrl(raw: unknown): ApiUrlSetting {
  try {
    const url = normalizeBaseUrl(typeof raw === 'string' ? raw : undefined);
    return { ok: true, url, origin: originOf(url) };
  } catch (error) {
    // normalizeBaseUrl's messages name the scheme and host at most, never credentials or a query.
    return { ok: false, problem: (error as Error).message };
  }
}

export interface RunpodSettings {
  /** Where the API key is sent. Only the user (global) value counts: a workspace cannot redirect the key. */
  apiUrl: ApiUrlSetting;
  requestTimeoutMs: number;
  /** Why `runpod.requestTimeoutMs` is not used as set (runpod/timeout.ts timeoutFromSetting), when it is not. */
  timeoutProblems: string[];
  files: string[];
  /** What `files` leaves out of the setting (by position, never the glob as written). */
  fileProblems: string[];
  /** `runpod.secrets.rotationDays`, by the core's rule (the server reads the same setting itself). */
  rotationDays: number;
  /** Why a set rotationDays was not taken (the default is used instead), for the settings' warnings. */
  rotationProblems: string[];
  /** `runpod.environments`, by the core's parser; what it dropped is in `environmentProblems`. */
  environments: EnvironmentDeclaration[];
  environmentProblems: string[];
  /** What of `runpod.diagnostics.severity` the server does not use (template/severity.ts), for the settings' warnings. */
  severityProblems: string[];
}

/**
 * The user-level value of an application-scoped setting. VS Code already refuses workspace values
 * for `"scope": "application"`, but reading `globalValue` makes that independent of the editor.
 */
function userValue<T>(config: ConfigurationLike, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected ? (inspected.globalValue ?? inspected.defaultValue) : undefined;
}

/** Reads and normalizes the settings; bad values fall back to defaults rather than failing. */
export function readSettings(config: ConfigurationLike): RunpodSettings {
  const apiUrl = checkApiUrl(userValue<unknown>(config, 'apiUrl'));

  const timeout = timeoutFromSetting(userValue<unknown>(config, 'requestTimeoutMs'), TIMEOUT_SETTING);

  // `runpod.files` means the same here as in the server and the CLI: one normaliser.
  const rawFiles = config.get<unknown>('files');
  const files = [...normalizeFileGlobs(rawFiles)];

  const { declarations: environments, problems: environmentProblems } = parseEnvironmentDeclarations(config.get<unknown>('environments'), isAccountName);

  // The server applies the overrides (lsp/settings.ts); the editor says what it cannot use, by the same parser.
  const severityProblemsFound = severitySetting(config.get<unknown>('diagnostics.severity')).problems;

  const rawRotation = config.get<unknown>('secrets.rotationDays');
  const rotationProblem = rotationDaysProblem(rawRotation);

  return { apiUrl, requestTimeoutMs: timeout.ms, timeoutProblems: timeout.problem ? [timeout.problem] : [], files, fileProblems: fileGlobProblems(rawFiles), rotationDays: normalizeRotationDays(rawRotation), rotationProblems: rotationProblem ? [rotationProblem] : [], environments, environmentProblems, severityProblems: severityProblemsFound };
}

/** What a settings change requires. */
export interface ConfigChangeEffects {
  /** apiUrl or timeout changed: drop the cached API client, then refresh the store. */
  recreateClient: boolean;
  /**
   * files or environments changed: the client's document selector is built from their globs, so
   * the server restarts if the selector differs (lsp/selector.ts selectorChanged); an edit that
   * leaves it alone (an environment's account) does not re-index the workspace.
   */
  selectorMayChange: boolean;
}

/**
 * The settings that decide which files are RunPod files and of which kind: `runpod.files` by its
 * globs (fileKinds.ts), `runpod.environments` by declaring files whatever their names
 * (environments/files.ts declaredOrNamedKind). Whatever follows the kinds (the document selector and
 * so the server, the CodeLens) is redone when either changes.
 */
export const FILE_KIND_SETTINGS: readonly string[] = Object.freeze(['runpod.files', 'runpod.environments']);

/** Whether a change may change which files are RunPod files, or their kinds ({@link FILE_KIND_SETTINGS}). */
export function fileKindsMayChange(affects: (section: string) => boolean): boolean {
  return FILE_KIND_SETTINGS.some((section) => affects(section));
}

/** Classifies a change from `event.affectsConfiguration`. */
export function classifyChange(affects: (section: string) => boolean): ConfigChangeEffects {
  const recreateClient = affects(API_URL_SETTING) || affects(TIMEOUT_SETTING);
  return { recreateClient, selectorMayChange: fileKindsMayChange(affects) };
}

/**
 * The server's settings, in one typed module: the `runpod` configuration section, read through
 * `workspace/configuration` when the client supports it, otherwise taken from
 * `workspace/didChangeConfiguration` pushes, with defaults whenever the client answers nothing or
 * something malformed. Every change here is a "refresh" change (revalidate documents); none needs a
 * server restart.
 */
import { isAccountName } from '../template/accountNames';
import { parseEnvironmentDeclarations, type EnvironmentDeclaration } from '../template/environments/declarations';
import { DEFAULT_FILE_GLOBS, fileGlobProblems, normalizeFileGlobs, pathBelowFolder } from '../template/fileKinds';
import { severitySetting, type SeverityOverrides } from '../template/severity';
import { DEFAULT_ROTATION_DAYS, normalizeRotationDays } from '../template/valueAge';

export type { SeverityOverride } from '../template/severity';

/** Validated settings; always complete, never `undefined` fields. */
export interface ServerSettings {
  /** `runpod.diagnostics.severity`: only valid codes with valid levels survive. */
  readonly severity: Readonly<SeverityOverrides>;
  /**
   * `runpod.files`: globs of the files besides env files that are RunPod files. The user's list
   * replaces the defaults (so removing a default pattern turns it off); absent, the defaults apply.
   */
  readonly files: readonly string[];
  /** `runpod.secrets.rotationDays`: values older than this many days are due for rotation; 0 = off. */
  readonly rotationDays: number;
  /** `runpod.environments`: the declared environments' files (the environment rules group env files by them) and accounts. */
  readonly environments: readonly EnvironmentDeclaration[];
  /**
   * The workspace folder (URI) these settings are a document's in: `runpod.files` globs match the
   * path below it (fileKinds.ts documentKindFor). Absent outside every folder.
   */
  readonly folder?: string;
}

export const DEFAULT_SETTINGS: ServerSettings = Object.freeze({
  severity: Object.freeze({}),
  files: DEFAULT_FILE_GLOBS,
  rotationDays: DEFAULT_ROTATION_DAYS,
  environments: Object.freeze([]) as readonly EnvironmentDeclaration[],
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns whatever the client sent for the `runpod` section into settings, through the core's
 * parsers of each setting (template/severity.ts, template/fileKinds.ts). Accepts the
 * nested shape VS Code sends (`{ diagnostics: { severity } }`) and the flat one some editors'
 * configs produce (`{ "diagnostics.severity": ... }`).
 */
export function normalizeSettings(raw: unknown): ServerSettings {
  if (!isObject(raw)) return DEFAULT_SETTINGS;
  const diagnostics = raw['diagnostics'];
  const severityRaw = isObject(diagnostics) ? diagnostics['severity'] : raw['diagnostics.severity'];
  const severity = severitySetting(severityRaw).overrides;
  const secrets = raw['secrets'];
  const rotationDays = normalizeRotationDays(isObject(secrets) ? secrets['rotationDays'] : raw['secrets.rotationDays']);
  // With each environment's account: a file of another account than the active one is not judged against its list (environments/accounts.ts).
  const { declarations: environments } = parseEnvironmentDeclarations(raw['environments'], isAccountName);
  return { severity, files: normalizeFileGlobs(raw['files']), rotationDays, environments };
}

/**
 * What the server leaves out of the `runpod` section's glob settings (globs too costly or too long
 * to match, lists past their limits), one sentence each by setting and position, never a glob as
 * written (template/fileKinds.ts, environments/declarations.ts: the sentences the extension shows).
 */
function globSettingProblems(raw: unknown): string[] {
  if (!isObject(raw)) return [];
  // Only the sentences about globs (the extension says the rest).
  return [...fileGlobProblems(raw['files']), ...parseEnvironmentDeclarations(raw['environments']).problems.filter((p) => /\bglobs?\b/.test(p))];
}

/**
 * `settings` for a document of `folder` (its workspace folder's URI): the `runpod.files` and the
 * declared environments' globs are relative to that folder (package.json documents them so), so the
 * settings and each declaration carry it; a document outside every folder has no declared
 * environments (nothing to be relative to) and its `runpod.files` match its whole path.
 */
export function inFolder(settings: ServerSettings, folder: string | undefined): ServerSettings {
  if (folder === undefined) return settings.environments.length === 0 ? settings : { ...settings, environments: [] };
  return { ...settings, folder, environments: settings.environments.map((d) => ({ ...d, folder })) };
}

/** The workspace folder (of `folders`, URIs) holding `uri`: the innermost, as VS Code picks a resource's settings. */
export function folderOf(uri: string, folders: readonly string[]): string | undefined {
  let best: { folder: string; length: number } | undefined;
  for (const folder of folders) {
    const relative = pathBelowFolder(uri, folder);
    if (relative !== undefined && (!best || folder.length > best.length)) best = { folder, length: folder.length };
  }
  return best?.folder;
}

/** Reads the `runpod` section for a document (`scopeUri`), or globally when `undefined`. */
export type SectionReader = (scopeUri: string | undefined) => Promise<unknown>;

/**
 * How long a request waits for the editor to answer `workspace/configuration` before it is served
 * by the default settings. Every request reads the settings first: a client that claims the
 * capability and never answers (a bug, a hung extension host) left every request pending for good.
 * Long enough that a busy machine's editor (or a test's client on two shared cores) is not taken for one.
 */
const CONFIGURATION_DEADLINE_MS = 10_000;

/** One read of the `runpod` section for a URI: the editor's answer, and the settings a document takes (the defaults when it failed). */
interface Read {
  /** Rejects when the editor answered with an error. */
  answer: Promise<ServerSettings>;
  /** Never rejects: the defaults for a failed answer (logged). */
  settings: Promise<ServerSettings>;
  /** The answer was an error: {@link SettingsStore.forFolder} asks again. */
  failed: boolean;
}

/**
 * Settings per document, cached until the next configuration change. With a reader (the client
 * supports `workspace/configuration`) each document gets its resource-scoped settings; without one,
 * the last pushed `settings.runpod` (or the defaults) apply everywhere.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Read>();
  /** Reads that have settled (no deadline needed), and reads some request stopped waiting for. */
  private readonly settled = new WeakSet<Read>();
  private readonly late = new WeakSet<Read>();
  private pushed: ServerSettings = DEFAULT_SETTINGS;
  /** The pushed settings as they apply in each folder (one object per folder: caches compare settings by identity). */
  private pushedIn = new Map<string | undefined, ServerSettings>();
  /** The workspace folders (URIs): declared globs are relative to a document's folder. */
  private folders: readonly string[] = [];
  private saidLate = false;
  /** Glob problems already logged: each once (bounded: settings that change forever cannot grow it). */
  private readonly logged = new Set<string>();

  /**
   * @param answeredLate called once per read whose answer arrived after a request was served by
   *   the defaults (the server then revalidates what it answered with them)
   */
  constructor(
    private readonly read: SectionReader | undefined,
    private readonly log: (message: string) => void,
    private readonly answeredLate: () => void = () => undefined,
    private readonly deadlineMs = CONFIGURATION_DEADLINE_MS,
  ) {}

  /** The settings that apply to `uri`; the defaults when the editor has not answered by the deadline. Never rejects. */
  forDocument(uri: string): Promise<ServerSettings> {
    const pushed = this.pushedFor(uri);
    if (pushed) return pushed;
    const read = this.readFor(uri);
    return this.settled.has(read) ? read.settings : this.withinDeadline(read, read.settings);
  }

  /**
   * The settings of a workspace folder for the index's walk: as {@link forDocument}, but a read the
   * editor answered with an error rejects, and is not kept, so the walk's retry and its next walk
   * ask again (indexer.ts settingsOf keeps the folder's last settings meanwhile, and says so); the
   * defaults in its place would walk a folder with custom `runpod.files` by the default globs, silently.
   * An answer later than the deadline is served by the defaults, as for a document (the answer then walks again).
   */
  forFolder(uri: string): Promise<ServerSettings> {
    const pushed = this.pushedFor(uri);
    if (pushed) return pushed;
    let read = this.readFor(uri);
    if (read.failed) {
      this.cache.delete(uri);
      read = this.readFor(uri);
    }
    return this.settled.has(read) ? read.answer : this.withinDeadline(read, read.answer);
  }

  /** Without a reader, the pushed settings as they apply in `uri`'s folder; undefined with one. */
  private pushedFor(uri: string): Promise<ServerSettings> | undefined {
    if (this.read) return undefined;
    const folder = folderOf(uri, this.folders);
    let pushed = this.pushedIn.get(folder);
    if (!pushed) this.pushedIn.set(folder, (pushed = inFolder(this.pushed, folder)));
    return Promise.resolve(pushed);
  }

  /** The read of `uri`'s settings, cached until the next change (a failed one too, for documents: {@link forFolder} asks again). */
  private readFor(uri: string): Read {
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const folder = folderOf(uri, this.folders);
    const answer = this.read!(uri).then((raw) => inFolder(this.normalize(raw), folder));
    const read: Read = {
      answer,
      failed: false,
      settings: answer.catch((error: unknown) => {
        read.failed = true;
        this.log(`Reading the runpod settings failed (${error instanceof Error ? error.name : 'error'}); using defaults.`);
        return DEFAULT_SETTINGS;
      }),
    };
    void read.settings.then(() => {
      this.settled.add(read);
      if (this.late.has(read)) this.answeredLate();
    });
    this.cache.set(uri, read);
    return read;
  }

  /** Settings from a section the client sent, logging each glob it leaves out once. */
  private normalize(raw: unknown): ServerSettings {
    for (const problem of globSettingProblems(raw)) {
      if (this.logged.has(problem)) continue;
      if (this.logged.size >= 256) this.logged.clear();
      this.logged.add(problem);
      this.log(problem);
    }
    return normalizeSettings(raw);
  }

  /** `settings` (of `read`), or the defaults once the deadline passes first (said once in the log). */
  private withinDeadline(read: Read, settings: Promise<ServerSettings>): Promise<ServerSettings> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.late.add(read);
        if (!this.saidLate) {
          this.saidLate = true;
          this.log(`The editor has not answered workspace/configuration within ${this.deadlineMs / 1000} s; requests use the default runpod settings until it does.`);
        }
        resolve(DEFAULT_SETTINGS);
      }, this.deadlineMs);
      settings.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** The workspace folders changed: a document's folder (and so its settings) may be another. */
  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    this.cache.clear();
    this.pushedIn.clear();
  }

  /** Handles `workspace/didChangeConfiguration`: forget cached settings, keep pushed ones. */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    this.pushedIn.clear();
    if (!this.read) {
      const section = isObject(pushedSettings) ? pushedSettings['runpod'] : undefined;
      this.pushed = this.normalize(section);
    }
  }

  /** Drops a closed document's cached settings. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

/** Types for stack.mjs (kept in JavaScript so `npm start` runs on Node 20 without a TypeScript loader). */

export const REPO_ROOT: string;
export const NODE24_VERSION: string;
export const CODE_SERVER_VERSION: string;
/** Settings that keep screenshots stable (no Welcome tab, chat pane or update prompts). */
export const STABLE_SETTINGS: Readonly<Record<string, unknown>>;

export interface EditorTools {
  cache: string;
  node24: string;
  codeServerEntry: string;
  chromium: string;
}
/** Where scripts/editor/install.sh put the tools; throws a message naming the fix when missing. */
export function editorTools(): EditorTools;
/** A free loopback port. */
export function freePort(): Promise<number>;

/** A started child process leading its own process group; `stop` kills the group (TERM, then KILL). */
export interface Child {
  name: string;
  pid: number;
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

/** Start `node dist/fake-runpod.js` and wait for `RunPod fake API listening on <url> (API key: <key>)`. */
export function startFakeApi(options: {
  port: number;
  dataDir: string;
  logFile: string;
  timeoutMs?: number;
  /** More flags for the fake, e.g. ['--api-key', k, '--pod-boot-ms', '1500']. */
  extraArgs?: string[];
}): Promise<Child & { url: string; apiKey: string }>;

/** Write `<userDataDir>/User/settings.json` (stable settings + `extra`). */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown>): void;

/** `code-server --install-extension <vsix>` under Node 24. */
export function installExtension(options: {
  tools: EditorTools;
  userDataDir: string;
  extensionsDir: string;
  vsix: string;
}): Promise<void>;

/** Copy sample-workspace/ to `dest`; returns `dest`. */
export function copySampleWorkspace(dest: string): string;

/** Start code-server on 127.0.0.1:port and wait for /healthz. `url` opens the workspace. */
export function startCodeServer(options: {
  tools: EditorTools;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs?: number;
}): Promise<Child & { url: string }>;

/**
 * code-server's environment: `env`, RUNPOD_API_KEY the fake's `apiKey` (none when undefined), and
 * XDG_STATE_HOME in `root`, so the secret history is the stack's own, never the user's.
 */
export function codeServerEnv(env: NodeJS.ProcessEnv, options: { root: string; apiKey: string | undefined }): NodeJS.ProcessEnv;

export interface Stack {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  fakeDataDir: string;
  logDir: string;
  fake: Child & { url: string; apiKey: string };
  codeServer: Child & { url: string };
  /** fakeApiStartMs, installExtensionMs, codeServerStartMs */
  timings: Record<string, number>;
  /** Stop every child by process group, then remove `root` unless keepRoot. */
  stop(): Promise<void>;
}

/** Fake API + fresh user data + installed vsix + workspace copy + code-server, in one temp root. */
export function startStack(options?: {
  codeServerPort?: number;
  fakePort?: number;
  vsix?: string;
  settings?: Record<string, unknown>;
  rootPrefix?: string;
  keepRoot?: boolean;
  log?: (line: string) => void;
  /** More flags for the fake API (see test/fake-runpod/main.ts). */
  fakeArgs?: string[];
  /** false: code-server gets no RUNPOD_API_KEY, so the extension starts signed out (default true). */
  apiKeyInEnv?: boolean;
}): Promise<Stack>;

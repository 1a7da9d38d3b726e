/**
 * One scenario group's editor: the stack from scripts/editor/stack.mjs (fake RunPod API + code-server
 * with the packaged extension, fresh user data, a copy of the sample workspace) and a headless
 * Chromium with a fresh profile on the workbench page. `step` runs one user-visible action with a
 * bound; a failure names the step, saves a screenshot and lists the notifications on screen.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStack, editorTools, REPO_ROOT, type Stack } from '../../../scripts/editor/stack.mjs';
import { Editor } from './editor.js';
import { listFiles, runpodLogFiles } from './leaks.js';

/** Where scenario screenshots and each group's logs go; git-ignored, kept as CI artifacts. */
export const RESULTS_DIR = resolve(REPO_ROOT, 'test-results', 'e2e');

/** Chromium flags measured in shared/real-editor.md (no sandbox as root, no GPU, no background traffic). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const DEFAULT_STEP_TIMEOUT_MS = 30_000;

/** Timings of one group, printed at the end so CI logs show where the time goes. */
export interface GroupTimings {
  stackStartMs: number;
  workbenchReadyMs: number;
  steps: Array<{ name: string; ms: number }>;
}

/** A running editor for one scenario group. */
export interface EditorSession {
  readonly group: string;
  readonly stack: Stack;
  readonly page: Page;
  readonly editor: Editor;
  readonly timings: GroupTimings;
  /** The browser's profile folder (searched for leaked values too). */
  readonly browserProfile: string;
  /** Run one named step within `timeoutMs`; on failure: screenshot + notifications in the error. */
  step<T>(name: string, action: () => Promise<T>, timeoutMs?: number): Promise<T>;
  /** The step "open <path>": Quick Open (Ctrl+P) on a workspace-relative path. */
  openFile(path: string): Promise<void>;
  /** Save `test-results/e2e/<group>-<name>.png`; returns its path. */
  screenshot(name: string): Promise<string>;
  /** Stop browser, code-server and fake API; keeps the group's logs under test-results/e2e/logs/<group>. */
  close(): Promise<void>;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/** Reject after `ms` with a message naming what timed out. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The extension host's reason for not activating our extension, if it logged one: the first thing
 * to know when nothing of the extension shows up on screen.
 */
export function extensionActivationError(stack: Stack): string | undefined {
  for (const file of listFiles(join(stack.userDataDir, 'logs')).filter((f) => f.endsWith('exthost.log'))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((line) => /Activating extension runpod-tools\.runpod-templates failed/.test(line));
    if (at >= 0) return (lines[at + 1] ?? lines[at] ?? '').replace(/^\S+ \S+ \[error\] /, '').trim();
  }
  return undefined;
}

/**
 * The last lines of the extension's output channel (its requests, with status and time): why a
 * step failed is often there, and a CI log keeps only the failure's message. The channel is
 * redacted by the extension itself (and the leak tests hold it to that).
 */
function extensionLogTail(stack: Stack, count = 8): string[] {
  try {
    // The output channel's file (not the language server's), the newest after a window reload.
    const newest = runpodLogFiles(stack)
      .filter((file) => basename(file) === 'RunPod.log')
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    return newest ? readFileSync(newest, 'utf8').trimEnd().split('\n').slice(-count) : [];
  } catch {
    return []; // the step's own error is what matters; a log that went away says nothing
  }
}

/** Whether the extension host has started activating our extension (the sample workspace triggers it). */
function activationStarted(stack: Stack): boolean {
  return listFiles(join(stack.userDataDir, 'logs'))
    .filter((f) => f.endsWith('exthost.log'))
    .some((file) => /_doActivateExtension runpod-tools\.runpod-templates\b/.test(readFileSync(file, 'utf8')));
}

/**
 * One editor session for the enclosing `describe`: opened before its first test, closed after its
 * last (one stack per group, since an editor start takes seconds). Returns a getter for the tests.
 */
export function useEditorSession(group: string, options?: Parameters<typeof openEditorSession>[1]): () => EditorSession {
  let session: EditorSession | undefined;
  beforeAll(async () => {
    session = await openEditorSession(group, options);
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error(`[${group}] no editor session: it failed to open (see the beforeAll error)`);
    return session;
  };
}

/**
 * Start the stack and the browser for `group` (a file-name-safe label) and open the workbench.
 * `settings` are added to the user settings.json; `apiKeyInEnv: false` starts the extension signed out.
 */
export async function openEditorSession(
  group: string,
  options: { settings?: Record<string, unknown>; apiKeyInEnv?: boolean } = {},
): Promise<EditorSession> {
  const tools = editorTools();
  if (!existsSync(tools.chromium)) {
    throw new Error(`${tools.chromium} not found: run 'bash scripts/editor/install.sh' (it installs Debian's chromium).`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const t0 = Date.now();
  const stack = await startStack({
    rootPrefix: `runpod-e2e-${slug(group)}-`,
    keepRoot: true,
    settings: options.settings,
    // false: no RUNPOD_API_KEY hand-over; the scenario signs in through "RunPod: Set API Key".
    apiKeyInEnv: options.apiKeyInEnv,
    // A fresh key per group (it reaches the extension only as RUNPOD_API_KEY); Pods boot quickly.
    fakeArgs: ['--api-key', `rp_e2e_${randomBytes(12).toString('hex')}`, '--pod-boot-ms', '1500'],
  });
  const stackStartMs = Date.now() - t0;
  const profile = mkdtempSync(join(tmpdir(), 'runpod-e2e-chromium-'));
  let context: BrowserContext | undefined;
  const cleanup = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    // Keep the group's logs (a few KB) next to its screenshots: a failure outside a step (a plain
    // expect) needs them as much as one inside.
    const kept = join(RESULTS_DIR, 'logs', slug(group));
    cpSync(stack.logDir, kept, { recursive: true });
    const ud = join(stack.userDataDir, 'logs');
    if (existsSync(ud)) cpSync(ud, join(kept, 'code-server-user-logs'), { recursive: true });
    await stack.stop();
    rmSync(stack.root, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: tools.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      timeout: 60_000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    const editor = new Editor(page);
    const t1 = Date.now();
    await page.goto(stack.codeServer.url, { timeout: 60_000 });
    await editor.waitForWorkbench();
    // Fail the whole group at once, with the cause, when the extension cannot activate: otherwise
    // every step would time out one by one with nothing of the extension on screen.
    await editor.poll(async () => activationStarted(stack), 'the extension host to activate runpod-tools.runpod-templates', 60_000);
    await page.waitForTimeout(500);
    const activation = extensionActivationError(stack);
    if (activation) throw new Error(`[${group}] THE EXTENSION FAILED TO ACTIVATE: ${activation}`);
    const timings: GroupTimings = { stackStartMs, workbenchReadyMs: Date.now() - t1, steps: [] };

    const screenshot = async (name: string): Promise<string> => {
      const file = join(RESULTS_DIR, `${slug(group)}-${slug(name)}.png`);
      await page.screenshot({ path: file, timeout: 15_000 });
      return file;
    };

    const step = async <T>(name: string, action: () => Promise<T>, timeoutMs = DEFAULT_STEP_TIMEOUT_MS): Promise<T> => {
      const started = Date.now();
      try {
        const result = await withTimeout(action(), timeoutMs, `step "${name}"`);
        timings.steps.push({ name, ms: Date.now() - started });
        return result;
      } catch (error) {
        const shot = await screenshot(`FAILED-${name}`).catch((e: unknown) => `(no screenshot: ${String(e)})`);
        const toasts = await editor.notifications().catch(() => [] as string[]);
        const quick = (await editor.quickInput().isVisible().catch(() => false))
          ? await editor.quickInput().innerText().catch(() => '')
          : '';
        const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
        const activation = extensionActivationError(stack);
        throw new Error(
          [
            `[${group}] step "${name}" failed: ${cause}`,
            `  notifications on screen: ${toasts.length ? toasts.map((t) => JSON.stringify(t.replace(/\s+/g, ' '))).join(', ') : '(none)'}`,
            quick ? `  quick input on screen: ${JSON.stringify(quick.replace(/\s+/g, ' '))}` : '',
            activation ? `  THE EXTENSION FAILED TO ACTIVATE: ${activation}` : '',
            `  RunPod output, last lines:${extensionLogTail(stack).map((line) => `\n    ${line}`).join('') || ' (none)'}`,
            `  screenshot: ${shot}`,
            `  logs: ${join(RESULTS_DIR, 'logs', slug(group))}`,
          ]
            .filter(Boolean)
            .join('\n'),
          { cause: error },
        );
      }
    };

    return {
      group,
      stack,
      page,
      editor,
      timings,
      browserProfile: profile,
      step,
      openFile: (path) => step(`open ${path}`, () => editor.openFile(path)),
      screenshot,
      close: async () => {
        await cleanup();
        const steps = timings.steps.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)}s`).join('; ');
        console.log(
          `[e2e timings] ${group}: stack ${(stackStartMs / 1000).toFixed(1)}s ` +
            `(fake ${stack.timings.fakeApiStartMs}ms, install ${stack.timings.installExtensionMs}ms, code-server ${stack.timings.codeServerStartMs}ms), ` +
            `workbench ${(timings.workbenchReadyMs / 1000).toFixed(1)}s; ${steps}`,
        );
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * The fake's durable state: one JSON file in the data folder, rewritten atomically (temp file,
 * fsync, rename, fsync of the folder) before any response acknowledges a change, so a kill -9 at
 * any moment loses nothing acknowledged. Secret values are sealed by the vault; the file carries
 * an HMAC so a tampered or foreign state is refused at start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PodAction, Template } from '../../client/src/runpod/types';
import type { Boot, EchoedVariable } from './logLines';
import { fsyncDir, Vault, writeFileSynced, type SealedValue } from './vault';

export interface StoredSecret {
  id: string;
  name: string;
  createdAt: string;
  description: string | null;
  valueLastUpdatedAt: string | null;
  value: SealedValue;
}

/** A template plus who owns it: the account (`self`) or someone else's public template. */
export interface StoredTemplate extends Template {
  owner: 'self' | 'other';
}

/** Where a pod is heading; its visible status is computed from this and the clock. */
export type PodPhase = 'booting' | 'exited';

export interface StoredPod {
  id: string;
  name: string;
  image: string;
  templateId: string | null;
  gpu: { id: string; count: number } | null;
  cpu: Record<string, unknown> | null;
  cloud: 'SECURE' | 'COMMUNITY';
  env: Record<string, string>;
  ports: string[];
  disk: number | null;
  mounts: Template['mounts'] | null;
  dataCenterIds: string[] | null;
  startSsh: boolean;
  startJupyter: boolean;
  costPerHour: number;
  sshPort: number;
  createdAtMs: number;
  phase: PodPhase;
  /** When the current boot began (create, start, restart). */
  bootStartedAtMs: number;
  /** Set once the current boot reached RUNNING and resolved its secret references. */
  bootedAtMs: number | null;
  /** Secret names referenced by env that did not exist at boot (RunPod leaves those literal). */
  unresolvedSecrets: string[];
  /** Last action, for debugging in `inspect()`. */
  lastAction: PodAction | 'create';
}

/** A change a release made, as the releases list shows it (env values never: see serverless.ts). */
export interface StoredReleaseDiff {
  field: string;
  old: string | null;
  new: string | null;
}

/** One release of an endpoint: what workers of that version boot with. */
export interface StoredRelease {
  version: number;
  createdAtMs: number;
  image: string;
  env: Record<string, string>;
  diff: StoredReleaseDiff[];
  source: 'MANUAL';
}

export interface StoredEndpoint {
  id: string;
  name: string;
  type: 'QUEUE' | 'LOAD_BALANCER';
  templateId: string | null;
  /** Current container fields (the latest release's image and env). */
  image: string;
  env: Record<string, string>;
  args: string;
  disk: number | null;
  ports: string[];
  registry: string | null;
  gpu: { pools: string[]; allowedCudaVersions?: string[] } | null;
  cpu: Record<string, unknown> | null;
  workers: { min: number; max: number; idleTimeout: number };
  scaling: { type: 'QUEUE_DELAY' | 'REQUEST_COUNT'; queueDelay?: number; requestCount?: number };
  dataCenterIds: string[] | null;
  networkVolumes: string[];
  timeout: number;
  flashboot: 'OFF' | 'FLASHBOOT' | 'PRIORITY_FLASHBOOT';
  createdAtMs: number;
  /** Oldest first; the last is the current release. */
  releases: StoredRelease[];
  /** One entry per running worker slot: when it started and on which release (workers are computed, see workers.ts). */
  slots: Array<{ startedAtMs: number; version: number }>;
  /** Worker id -> the references left literal when that worker came up. */
  workerEcho: Record<string, EchoedVariable[]>;
}

/** The boots of one Pod, kept for its log (logs.ts). */
export interface StoredPodLog {
  podId: string;
  boots: Boot[];
}

export interface State {
  secrets: StoredSecret[];
  templates: StoredTemplate[];
  pods: StoredPod[];
  nextSshPort: number;
  endpoints: StoredEndpoint[];
  podLogs: StoredPodLog[];
}

const STATE_FILE = 'state.json';
const LOCK_FILE = 'lock';
/** Data folders held by fakes in this process (a pid in the lock file cannot tell them apart). */
const held = new Set<string>();
const FORMAT = 'fake-runpod-state/1';

export function emptyState(): State {
  return { secrets: [], templates: [], pods: [], nextSshPort: 22022, endpoints: [], podLogs: [] };
}

/** Owns the in-memory state and its file. Single-threaded: every mutation is followed by `commit()`. */
export class Store {
  private tempCounter = 0;
  /**
   * Runs before every write, so what follows from the state and the clock (pod boots, logs,
   * workers) is brought up to date in the same write as the change that caused it.
   */
  beforeCommit: (() => void) | undefined;

  private constructor(
    readonly dataDir: string,
    readonly vault: Vault,
    public state: State,
    /** True when the folder had no state yet (the caller may seed it). */
    readonly fresh: boolean,
  ) {}

  /** Opens or initialises `dataDir`. Throws a clear error on a corrupt/tampered file or a wrong key. */
  static open(dataDir: string): Store {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    acquireLock(dataDir);
    try {
      removeStaleTempFiles(dataDir);
      const file = path.join(dataDir, STATE_FILE);
      const exists = fs.existsSync(file);
      const vault = Vault.open(dataDir, !exists);
      if (!exists) return new Store(dataDir, vault, emptyState(), true);
      const state = readState(file, vault);
      return new Store(dataDir, vault, state, false);
    } catch (err) {
      releaseLock(dataDir);
      throw err;
    }
  }

  /** Releases the folder for another fake. The state is already durable. */
  close(): void {
    releaseLock(this.dataDir);
  }

  /** Writes the state durably; on failure restores the last durable state and rethrows. */
  commit(): void {
    this.beforeCommit?.();
    const file = path.join(this.dataDir, STATE_FILE);
    const body = JSON.stringify(this.state);
    const text = `{"format":${JSON.stringify(FORMAT)},"mac":${JSON.stringify(this.vault.mac(body))},"state":${body}}\n`;
    const temp = `${file}.tmp-${process.pid}-${++this.tempCounter}`;
    try {
      writeFileSynced(temp, text, 'w');
      fs.renameSync(temp, file);
      fsyncDir(this.dataDir);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      // Memory must not claim what the disk does not hold.
      this.state = fs.existsSync(file) ? readState(file, this.vault) : emptyState();
      throw err;
    }
  }
}

function readState(file: string, vault: Vault): State {
  const fail = (why: string): never => {
    throw new Error(`fake RunPod: refusing to start, state file ${file} ${why}. Restore it or use another --data-dir.`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return fail('is not valid JSON (corrupt)');
  }
  const doc = parsed as { format?: unknown; mac?: unknown; state?: unknown };
  if (!doc || typeof doc !== 'object' || doc.format !== FORMAT || typeof doc.mac !== 'string' || !doc.state || typeof doc.state !== 'object') {
    return fail(`is not a ${FORMAT} document (corrupt)`);
  }
  // JSON.stringify of what JSON.parse read reproduces the bytes the MAC was computed over.
  if (!vault.verifyMac(JSON.stringify(doc.state), doc.mac)) {
    return fail('failed its integrity check: it was modified, or the key file does not belong to it');
  }
  const state = doc.state as State;
  // A state written before endpoints and logs existed has neither list: it starts with none.
  state.endpoints ??= [];
  state.podLogs ??= [];
  if (![state.secrets, state.templates, state.pods, state.endpoints, state.podLogs].every(Array.isArray)) {
    return fail('has an unexpected shape');
  }
  for (const secret of state.secrets) {
    try {
      vault.open(secret.value, secret.id);
    } catch {
      return fail(`holds a value for secret ${JSON.stringify(secret.name)} that does not decrypt with the key file`);
    }
  }
  return state;
}

/** A kill between writing and renaming leaves a temp file behind; it never holds acknowledged data alone. */
function removeStaleTempFiles(dataDir: string): void {
  for (const name of fs.readdirSync(dataDir)) {
    if (name.startsWith(`${STATE_FILE}.tmp-`)) fs.rmSync(path.join(dataDir, name), { force: true });
  }
}

/**
 * One fake per data folder: two writers would overwrite each other's acknowledged changes. A lock
 * left by a killed process (its pid is gone) is taken over.
 */
function acquireLock(dataDir: string): void {
  const key = path.resolve(dataDir);
  const file = path.join(dataDir, LOCK_FILE);
  if (held.has(key)) throw new Error(`fake RunPod: data folder ${dataDir} is already in use by another fake in this process`);
  try {
    fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new Error(`fake RunPod: data folder ${dataDir} is in use by process ${pid} (remove ${file} if that is wrong)`);
    }
    fs.writeFileSync(file, `${process.pid}\n`, { mode: 0o600 });
  }
  held.add(key);
}

function releaseLock(dataDir: string): void {
  const key = path.resolve(dataDir);
  if (!held.delete(key)) return;
  fs.rmSync(path.join(dataDir, LOCK_FILE), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

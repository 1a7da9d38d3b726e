/**
 * `npm run fake-api`'s flags (main.ts runs them until SIGINT/SIGTERM). Without --accounts it serves
 * one account and prints exactly one line, `RunPod fake API listening on <url> (API key: <key>)`,
 * for scripts to parse. With `--accounts team,prod` it serves one fake per account behind one URL
 * (the tests' account front, routing by key, as RunPod serves every account from one URL), prints
 * that line with the first account's key, then one line per account with its key, so Add Account,
 * Switch Account and the command line's --account can be tried by hand.
 *
 * Flags: --port N (default 8787; 0 = any free port; at most 65535), --data-dir D (default .fake-runpod-data),
 * --api-key K (default the demo key rp_fake_demo_key), --no-seed, --pod-boot-ms N,
 * --rate-limit N (requests per minute), --key-access read-write|read-only|none (what the key may do:
 * read-only answers writes with 403, none every /v2 request), --log-interval-ms N (a running
 * container's log line interval), --worker-cycle-ms N (rollout step between workers),
 * --accounts NAME,NAME (several accounts: the first seeded, the others empty, each key
 * rp_fake_<name>_key, each its own folder <data-dir>/accounts/<name>, the name lower-cased in both).
 */
import * as path from 'node:path';
import { accountKeyVariable, ACCOUNT_NAME_RULE, findAccount, isAccountName } from '../../client/src/auth/accountNames';
import { startAccountFront } from '../helpers/accountFront';
import { isKeyAccess, KEY_ACCESS_LEVELS } from './access';
import { startFakeRunpod, type FakeRunpod, type FakeRunpodOptions } from './index';

const DEMO_KEY = 'rp_fake_demo_key';
/** The highest TCP port. */
const MAX_PORT = 65535;
export const USAGE =
  'usage: fake-runpod [--port N] [--data-dir D] [--api-key K] [--no-seed] [--pod-boot-ms N] [--rate-limit N] [--key-access read-write|read-only|none] [--log-interval-ms N] [--worker-cycle-ms N] [--accounts NAME,NAME...]\n';

export interface CommandLine {
  options: FakeRunpodOptions & { port: number; dataDir: string };
  /** `--accounts`: the names, in the order given. */
  accounts?: string[];
  help?: true;
}

/** @throws Error saying which flag is wrong */
export function parseArgs(argv: readonly string[]): CommandLine {
  const options: CommandLine['options'] = { port: 8787, dataDir: path.resolve('.fake-runpod-data'), apiKey: DEMO_KEY, seed: true };
  const line: CommandLine = { options };
  let keyGiven = false;
  const number = (flag: string, text: string | undefined): number => {
    const n = Number(text);
    if (text === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port': {
        // Bounded here: a port past 65535 would pass and fail only when listening (ERR_SOCKET_BAD_PORT, exit 1).
        const text = value();
        const port = Number(text);
        if (text === undefined || text.trim() === '' || !Number.isInteger(port) || port < 0 || port > MAX_PORT) throw new Error(`--port needs a port number from 0 to ${MAX_PORT}`);
        options.port = port;
        break;
      }
      case '--data-dir': {
        const dir = value();
        if (!dir) throw new Error('--data-dir needs a folder');
        options.dataDir = path.resolve(dir);
        break;
      }
      case '--api-key': {
        const key = value();
        if (!key) throw new Error('--api-key needs a value');
        options.apiKey = key;
        keyGiven = true;
        break;
      }
      case '--no-seed': options.seed = false; break;
      case '--pod-boot-ms': options.podBootMs = number(flag, value()); break;
      case '--rate-limit': options.rateLimitPerMinute = number(flag, value()); break;
      case '--log-interval-ms': options.logIntervalMs = number(flag, value()); break;
      case '--worker-cycle-ms': options.workerCycleMs = number(flag, value()); break;
      case '--key-access': {
        const access = value();
        if (!isKeyAccess(access)) throw new Error(`--key-access needs one of ${KEY_ACCESS_LEVELS.join(', ')}`);
        options.keyAccess = access;
        break;
      }
      case '--accounts': line.accounts = accountNames(value() ?? ''); break;
      case '--help': line.help = true; break;
      default: throw new Error(`unknown flag ${flag}`);
    }
  }
  if (line.accounts && keyGiven) throw new Error('--accounts gives each account its own key: leave out --api-key');
  return line;
}

/** The names of --accounts, each an account name (the extension's rule: it names a key variable and a folder) and given once. */
function accountNames(text: string): string[] {
  const names = text.split(',').map((n) => n.trim());
  if (!names.every(isAccountName)) throw new Error(`--accounts takes account names (${ACCOUNT_NAME_RULE}), separated by commas`);
  if (names.some((n, i) => findAccount(names.slice(0, i), n) !== undefined)) throw new Error('--accounts names each account once (names ignore case)');
  return names;
}

/** A fake account's key: fixed, so a data folder kept between runs keeps working with the keys stored in the editor. */
const keyOf = (account: string): string => `rp_fake_${account.toLowerCase()}_key`;

/** Starts what the command line asked for: the lines to print, and how to stop it. */
export async function serve(options: CommandLine['options'], accounts?: readonly string[]): Promise<{ lines: string[]; close(): Promise<void> }> {
  if (!accounts) {
    const fake = await startFakeRunpod(options);
    return { lines: [`RunPod fake API listening on ${fake.url} (API key: ${fake.apiKey})`], close: () => fake.close() };
  }
  const fakes: FakeRunpod[] = [];
  // Not recorded: the tests' record of every request would grow for as long as it runs.
  const front = await startAccountFront({ port: options.port, record: false });
  try {
    for (const [i, account] of accounts.entries()) {
      const fake = await startFakeRunpod({ ...options, port: 0, apiKey: keyOf(account), seed: i === 0 && options.seed === true, dataDir: path.join(options.dataDir, 'accounts', account.toLowerCase()) });
      fakes.push(fake);
      front.route(account, fake);
    }
  } catch (error) {
    await Promise.all([front.close(), ...fakes.map((f) => f.close())]);
    throw error;
  }
  return {
    lines: [
      `RunPod fake API listening on ${front.url} (API key: ${keyOf(accounts[0]!)})`,
      ...accounts.map((a) => `account ${a}: API key ${keyOf(a)} (runpod-check --account ${a} reads ${accountKeyVariable(a)})`),
    ],
    close: async () => void (await Promise.all([front.close(), ...fakes.map((f) => f.close())])),
  };
}

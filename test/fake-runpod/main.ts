/**
 * `npm run fake-api`: runs the fake RunPod API until SIGINT/SIGTERM and prints exactly one line,
 * `RunPod fake API listening on <url> (API key: <key>)`, for scripts to parse.
 *
 * Flags: --port N (default 8787; 0 = any free port), --data-dir D (default .fake-runpod-data),
 * --api-key K (default the demo key rp_fake_demo_key), --no-seed, --pod-boot-ms N,
 * --rate-limit N (requests per minute), --key-access read-write|read-only|none (what the key may do:
 * read-only answers writes with 403, none every /v2 request), --log-interval-ms N (a running
 * container's log line interval), --worker-cycle-ms N (rollout step between workers).
 */
import * as path from 'node:path';
import { isKeyAccess, KEY_ACCESS_LEVELS } from './access';
import { startFakeRunpod, type FakeRunpodOptions } from './index';

const DEMO_KEY = 'rp_fake_demo_key';

function parseArgs(argv: string[]): FakeRunpodOptions {
  const options: FakeRunpodOptions = { port: 8787, dataDir: path.resolve('.fake-runpod-data'), apiKey: DEMO_KEY, seed: true };
  const number = (flag: string, text: string | undefined): number => {
    const n = Number(text);
    if (text === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port': options.port = number(flag, value()); break;
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
      case '--help':
        process.stdout.write('usage: fake-runpod [--port N] [--data-dir D] [--api-key K] [--no-seed] [--pod-boot-ms N] [--rate-limit N] [--key-access read-write|read-only|none] [--log-interval-ms N] [--worker-cycle-ms N]\n');
        process.exit(0);
      default: throw new Error(`unknown flag ${flag}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: FakeRunpodOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fake RunPod: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const fake = await startFakeRunpod(options);
  process.stdout.write(`RunPod fake API listening on ${fake.url} (API key: ${fake.apiKey})\n`);
  const stop = () => {
    fake.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});

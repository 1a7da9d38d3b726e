/**
 * The API client as the command line configures it: the key chosen by keySource.ts (environment,
 * --account, --profile, the RunPod CLI config), `RUNPOD_API_URL` and `RUNPOD_TIMEOUT_MS`. The key
 * is never read from an argument, and --verbose names where it came from, never the key.
 */
import { normalizeBaseUrl, RunpodClient } from '../runpod/index';
import { API_KEY_ENV, API_URL_ENV, TIMEOUT_ENV } from '../runpod/environmentVariables';
import { isTimeoutInRange, timeoutProblem } from '../runpod/timeout';
import { CliError, UsageError } from './errors';
import type { Io } from './io';
import { chooseApiKey, type KeyChoice, type KeyOptions } from './keySource';
import { trackWrite } from './interruptedWrites';
import { scrubError } from '../log/runpodLog';

export interface ApiConfig {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  timeoutMs: number | undefined;
  /** Where the key came from (`RUNPOD_API_KEY`, `~/.runpod/config.toml [prod]`), when there is one. */
  keySource?: string;
  /** The name of the key's account, when one is knowable (keySource.ts): the secret history's label. */
  account?: string;
  /** Why there is no key, when there is none: what a command that needs one says. */
  keyProblem?: string;
  /** True when the user asked for a key that cannot be had: even `check` stops (but see missingAccount). */
  keyRequested?: boolean;
  /** The account --account or RUNPOD_ACCOUNT named whose key is missing: `check --secrets-file` judges as that account. */
  missingAccount?: string;
}

/**
 * Reads the API settings from the environment (and the RunPod CLI config, when the key comes from
 * there). An empty variable counts as unset. Commands call `apiConfig(io)`, which adds the global
 * options (--account, --profile, --verbose); this is its pure part.
 * @throws UsageError when `RUNPOD_TIMEOUT_MS` is not a whole number within the editor setting's bounds
 */
export function readApiConfig(env: Readonly<Record<string, string | undefined>>, options: KeyOptions = {}, choose: typeof chooseApiKey = chooseApiKey): ApiConfig {
  const baseUrl = env[API_URL_ENV]?.trim() || undefined;
  const timeoutText = env[TIMEOUT_ENV]?.trim();
  let timeoutMs: number | undefined;
  if (timeoutText) {
    timeoutMs = /^[0-9]{1,9}$/.test(timeoutText) ? Number(timeoutText) : NaN;
    if (!isTimeoutInRange(timeoutMs)) throw new UsageError(timeoutProblem(TIMEOUT_ENV));
  }
  const choice: KeyChoice = choose(env, options);
  if (choice.kind === 'key') return { apiKey: choice.key, baseUrl, timeoutMs, keySource: choice.source, ...(choice.account ? { account: choice.account } : {}) };
  const missing = choice.kind === 'error' && choice.missingAccount !== undefined ? { missingAccount: choice.missingAccount } : {};
  return { apiKey: undefined, baseUrl, timeoutMs, keyProblem: choice.message, keyRequested: choice.kind === 'error', ...missing };
}

/**
 * The API settings of this run: its environment and the global options run() took out of the
 * arguments. With --verbose, says on stderr where the key came from (never the key); the key is
 * remembered for run()'s last-line redaction.
 */
export function apiConfig(io: Io): ApiConfig {
  const config = readApiConfig(io.env, io.global ?? {});
  if (config.apiKey) io.global?.resolvedKeys.push(config.apiKey);
  if (io.global && config.keySource) io.global.keySource = config.keySource;
  if (io.global?.verbose) {
    io.stderr(`verbose: API ${describeApiUrl(config.baseUrl)}\n`);
    // Without a key the command says why itself (the error, or check's note).
    if (config.keySource) io.stderr(`verbose: key from ${config.keySource}\n`);
  }
  return config;
}

/** The API URL for --verbose, after the one URL rule: a URL with credentials or a query is never printed. */
function describeApiUrl(raw: string | undefined): string {
  try {
    return `${normalizeBaseUrl(raw)}${raw ? ` (${API_URL_ENV})` : ''}`;
  } catch (error) {
    return `from ${API_URL_ENV}, refused: ${(error as Error).message}`;
  }
}

/**
 * A client for commands that need the API.
 * @param sensitive strings (values read) the client must keep out of its errors too
 * @throws CliError when there is no key (saying why); RunpodApiError ('invalid-config') for an unsafe URL
 */
export function createClient(config: ApiConfig, sensitive: string[] = []): RunpodClient {
  if (!config.apiKey) throw new CliError(config.keyProblem ?? `${API_KEY_ENV} is not set: export your RunPod API key (Settings > API Keys in the console) and retry.`);
  // Its messages name the command line's list commands, never the editor's Refresh.
  // Ctrl+C during a write says it may still happen (interruptedWrites.ts).
  const options: ConstructorParameters<typeof RunpodClient>[0] = { apiKey: config.apiKey, sensitive, surface: 'cli', onWrite: trackWrite };
  if (config.baseUrl) {
    options.baseUrl = config.baseUrl;
    options.baseUrlSource = API_URL_ENV;
  }
  if (config.timeoutMs) options.timeoutMs = config.timeoutMs;
  return wholeMessageRedacted(new RunpodClient(options));
}

/**
 * `client`, each of whose failures (a call's rejection, a log stream's) is redacted as a whole
 * message with its key and values (scrubError, as the editor's store and log do) before any --json
 * field or stderr line shows it: the client redacts RunPod's words piece by piece, so a value a part
 * boundary cuts in two would survive.
 */
function wholeMessageRedacted(client: RunpodClient): RunpodClient {
  const scrub = (error: unknown): unknown => scrubError(error, (text) => client.redact(text));
  async function* scrubbedStream<T>(stream: AsyncGenerator<T>): AsyncGenerator<T> {
    try {
      return yield* stream;
    } catch (error) {
      throw scrub(error);
    }
  }
  return new Proxy(client, {
    get(target, property) {
      const member: unknown = Reflect.get(target, property, target);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]): unknown => {
        let result: unknown;
        try {
          result = member.apply(target, args);
        } catch (error) {
          throw scrub(error);
        }
        if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(scrub(error)));
        const isStream = typeof result === 'object' && result !== null && Symbol.asyncIterator in result && 'throw' in result;
        return isStream ? scrubbedStream(result as AsyncGenerator<unknown>) : result;
      };
    },
  });
}

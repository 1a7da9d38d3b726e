/**
 * The API client as the command line configures it: from `RUNPOD_API_KEY`, `RUNPOD_API_URL` and
 * `RUNPOD_TIMEOUT_MS`. The key is only read from the environment, never from an argument.
 */
import { RunpodClient } from '../runpod/index';
import { CliError, UsageError } from './errors';

export interface ApiConfig {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  timeoutMs: number | undefined;
}

/**
 * Reads the API settings from the environment. An empty `RUNPOD_API_KEY` counts as unset.
 * @throws UsageError when `RUNPOD_TIMEOUT_MS` is not a positive integer
 */
export function apiConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const apiKey = env['RUNPOD_API_KEY']?.trim() || undefined;
  const baseUrl = env['RUNPOD_API_URL']?.trim() || undefined;
  const timeoutText = env['RUNPOD_TIMEOUT_MS']?.trim();
  let timeoutMs: number | undefined;
  if (timeoutText) {
    if (!/^[1-9][0-9]{0,8}$/.test(timeoutText)) throw new UsageError('RUNPOD_TIMEOUT_MS must be a positive number of milliseconds');
    timeoutMs = Number(timeoutText);
  }
  return { apiKey, baseUrl, timeoutMs };
}

/**
 * A client for commands that need the API.
 * @param sensitive strings (values read) the client must keep out of its errors too
 * @throws CliError when no key is set; RunpodApiError ('invalid-config') for an unsafe URL
 */
export function createClient(config: ApiConfig, sensitive: string[] = []): RunpodClient {
  if (!config.apiKey) throw new CliError('RUNPOD_API_KEY is not set: export your RunPod API key (Settings > API Keys in the console) and retry.');
  const options: ConstructorParameters<typeof RunpodClient>[0] = { apiKey: config.apiKey, sensitive };
  if (config.baseUrl) {
    options.baseUrl = config.baseUrl;
    options.baseUrlSource = 'RUNPOD_API_URL';
  }
  if (config.timeoutMs) options.timeoutMs = config.timeoutMs;
  return new RunpodClient(options);
}

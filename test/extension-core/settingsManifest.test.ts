/**
 * The manifest's defaults and bounds of the client's settings are the code's: VS Code hands the
 * manifest's default to an unset setting, the command line (which has no manifest) uses the code's,
 * and Switch Account clears runpod.apiUrl when it goes back to DEFAULT_BASE_URL (session.ts),
 * trusting that an unset setting means it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../../client/src/runpod/baseUrl';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, TIMEOUT_SETTING } from '../../client/src/runpod/timeout';
import { grouped } from '../../server/src/template/counts';

const properties: Record<string, Record<string, unknown>> = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).contributes.configuration.properties;

describe('package.json settings against the code', () => {
  it('runpod.apiUrl defaults to DEFAULT_BASE_URL', () => {
    expect(properties['runpod.apiUrl']?.['default']).toBe(DEFAULT_BASE_URL);
  });

  it('runpod.requestTimeoutMs: the default and bounds of timeout.ts, and its description says those bounds', () => {
    const setting = properties[TIMEOUT_SETTING]!;
    expect(setting).toMatchObject({ type: 'integer', default: DEFAULT_TIMEOUT_MS, minimum: MIN_TIMEOUT_MS, maximum: MAX_TIMEOUT_MS });
    expect(setting['markdownDescription'] ?? setting['description']).toContain(`${grouped(MIN_TIMEOUT_MS)} to ${grouped(MAX_TIMEOUT_MS)}`);
  });
});

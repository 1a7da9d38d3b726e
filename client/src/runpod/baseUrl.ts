/**
 * Validation of the API base URL. The API key travels in a header, so the URL decides who receives
 * it: plain `http://` would send it in clear text, which is only acceptable when the server is this
 * machine (the fake API in tests and the demo).
 */
import { RunpodApiError } from './errors';
import { messages } from './messages';
import { DEFAULT_BASE_URL } from './defaultBaseUrl';

export { DEFAULT_BASE_URL };

/** True for hostnames that always mean this machine: localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}

/**
 * Parses and checks a base URL; returns it without trailing slashes. Throws an 'invalid-config'
 * RunpodApiError for anything else: not a URL, a scheme other than https (http only for loopback),
 * credentials, a query or a fragment.
 */
export function normalizeBaseUrl(input: string | undefined): string {
  const raw = (input ?? '').trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RunpodApiError('invalid-config', messages.baseUrlNotUrl());
  }
  // Never echo a URL that carries credentials; describe it by scheme and host only.
  const shown = `${url.protocol}//${url.host}`;
  if (url.username || url.password) throw new RunpodApiError('invalid-config', messages.baseUrlCredentials(shown));
  if (url.search || url.hash) throw new RunpodApiError('invalid-config', messages.baseUrlQuery(shown));
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) throw new RunpodApiError('invalid-config', messages.baseUrlInsecure(shown));
  } else if (url.protocol !== 'https:') {
    throw new RunpodApiError('invalid-config', messages.baseUrlScheme(shown));
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The origin (scheme, host and port) a base URL sends the key to: what a stored key is bound to.
 * Throws like `normalizeBaseUrl` for a URL that is not acceptable.
 */
export function originOf(baseUrl: string | undefined): string {
  return new URL(normalizeBaseUrl(baseUrl)).origin;
}

/** The setting that holds the API URL: where "check the API URL" sends the user. */
export const API_URL_SETTING = 'runpod.apiUrl';

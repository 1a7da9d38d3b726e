/**
 * The pure rules of the API key flow: what a typed key must look like, and what the one check call
 * (listing the secrets) means for the user. No `vscode` import, tested on its own.
 */
import { count } from '../../../server/src/template/counts';
import type { RunpodErrorKind } from '../runpod/types';
import { thenSentence } from '../runpod/wording';

/**
 * The key a pasted, typed or configured text holds, or why it holds none: the one rule of the
 * editor's boxes (Set API Key, Add Account), its stored keys, RUNPOD_API_KEY and
 * ~/.runpod/config.toml. Whitespace around the key is dropped (a copy often brings a line break or
 * a space, and no key ends in one); whitespace inside it, or a character outside printable ASCII,
 * means a broken copy and is refused.
 */
export function readApiKey(text: string): { ok: true; key: string } | { ok: false; message: string } {
  const key = text.trim();
  if (key.length === 0) return { ok: false, message: 'Paste the API key from the RunPod console (Settings, API Keys).' };
  if (/\s/.test(key)) return { ok: false, message: 'The key contains spaces or line breaks; copy it again without them.' };
  // Printable ASCII only: the key goes into an HTTP header, anything else would be refused there.
  if (!/^[\x21-\x7e]+$/.test(key)) return { ok: false, message: 'The key contains characters an API key never has; copy it again.' };
  return { ok: true, key };
}

/** Buttons the result message offers. */
export type KeyCheckAction = 'Retry' | 'Save Anyway' | 'Open Settings' | 'Show Output';

export interface KeyCheckOutcome {
  /** Whether the key is stored in secret storage. */
  store: boolean;
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: KeyCheckAction[];
}

/**
 * What the single check call says about a key. Only a definite "no" from RunPod (401) throws the
 * key away; when RunPod could not be asked (offline, timeout, 5xx) the user may keep it anyway.
 */
export function describeKeyCheck(
  result: { ok: true; secretCount: number } | { ok: false; kind: RunpodErrorKind | string; message: string },
): KeyCheckOutcome {
  if (result.ok) {
    const n = result.secretCount;
    return {
      store: true,
      severity: 'info',
      message: `Connected to RunPod: ${count(n, 'secret')}.`,
      actions: [],
    };
  }
  switch (result.kind) {
    case 'unauthorized':
      return {
        store: false,
        severity: 'error',
        message: 'RunPod rejected this key (401). Check that you copied the whole key; it was not saved.',
        actions: ['Retry'],
      };
    case 'forbidden':
      return {
        store: false,
        severity: 'error',
        message:
          'This key has no permission to read secrets (403). Create a key with read/write access to secrets; it was not saved.',
        actions: ['Retry', 'Save Anyway'],
      };
    case 'invalid-config':
      return { store: false, severity: 'error', message: result.message, actions: ['Retry', 'Open Settings'] };
    case 'network':
    case 'timeout':
    case 'server':
    case 'rate-limited':
    case 'bad-response':
      return {
        store: false,
        severity: 'warning',
        message: thenSentence(`Could not check the key: ${result.message}`, ' It was not saved yet.'),
        actions: ['Retry', 'Save Anyway', 'Show Output'],
      };
    default:
      return {
        store: false,
        severity: 'error',
        message: `Could not check the key: ${result.message}`,
        actions: ['Retry', 'Show Output'],
      };
  }
}

/** The question asked before a key goes to an origin it was not saved for, and its buttons. */
export interface KeyConsentQuestion {
  message: string;
  detail: string;
  send: string;
  setKey: string;
  /** Present when there is a URL to go back to that has a key. */
  switchBack?: string;
}

/**
 * Words of the modal that asks whether the key saved for `keyFor` may go to `origin`. Names both
 * origins, never the key. `switchBackTo` is the origin to offer going back to, if any.
 */
export function describeKeyConsent(origin: string, keyFor: string, switchBackTo?: string): KeyConsentQuestion {
  return {
    message: `Send your RunPod API key to ${origin}?`,
    detail:
      `runpod.apiUrl now points at ${origin}, but your API key was saved for ${keyFor}. ` +
      `Whoever runs ${origin} could use the key on your account. ` +
      `Nothing is sent there unless you say so: until then RunPod is signed out for this URL.`,
    send: `Send Key to ${origin}`,
    setKey: `Set API Key for ${origin}…`,
    ...(switchBackTo ? { switchBack: `Switch Back to ${switchBackTo}` } : {}),
  };
}

/**
 * The one place where custom messages between the extension (client) and the language server are
 * defined. Both sides import this file; the server never imports anything else of the client. It
 * takes its data types from the pure core (template/types.ts), which the client may import too.
 * Every method is namespaced `runpod/...`.
 */

import type { SecretCatalog, SecretInfo } from './template/types';

/** How much the sender knows about the account's secret list (the core's catalog states). */
export type CatalogState = SecretCatalog['state'];

/**
 * Metadata of one secret as the server may know it: the core's `SecretInfo`, the one type of it
 * (the client's API `Secret` extends it). Never a value.
 */
export type SecretMetadata = SecretInfo;

/**
 * Client -> server notification, sent at start (also passed as `initializationOptions.secrets`) and on
 * every change of the client's secrets store, so completion and diagnostics follow the account.
 * `unknown`: never loaded, no unknown-secret diagnostics. `fresh`: loaded now. `stale`: last good
 * fetch at `fetchedAt`, a later refresh failed.
 */
export const SecretsChangedNotification = 'runpod/secretsChanged';
export interface SecretsChangedParams {
  state: CatalogState;
  secrets: SecretMetadata[];
  fetchedAt?: string;
}

/** Shape of `initializationOptions` the client passes at start. */
export interface RunpodInitializationOptions {
  secrets?: SecretsChangedParams;
}

/** Commands the server's code actions return; the extension implements them. */
export const CreateSecretCommand = 'runpod.secrets.create';
export interface CreateSecretCommandArgs {
  name: string;
}
export const CreateSecretFromValueCommand = 'runpod.secrets.createFromValue';
export interface CreateSecretFromValueCommandArgs {
  uri: string;
  /** LSP range of the hard-coded value in the document; the client reads the value itself. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  suggestedName: string;
}

/** The `runpod` configuration section the server reads through `workspace/configuration`. */
export interface RunpodServerSettings {
  diagnostics?: { severity?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'> };
  /** Globs of files treated as RunPod files, beyond the languages the client registers. */
  files?: string[];
}

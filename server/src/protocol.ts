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
  /**
   * The NAME of the account the list belongs to (the client's active account; never a key). A file
   * whose environment declares another account in `runpod.environments` is not judged against
   * this list, and rename and usage counts leave it out. Absent (an older client): every file is
   * judged against the list, as before.
   */
  account?: string;
  /**
   * The NAMES of the accounts the client holds a key of (never keys), so the note on another
   * account's file says to add an account the editor does not hold rather than to switch to it.
   * Absent (an older client): the note says to switch.
   */
  accounts?: string[];
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
/**
 * Rotate Secret (a new value, then the running Pods that still use the old one), offered on a
 * secret-rotation-due hint; its one argument is the secret's name. The hint needs the dates of the
 * account's list, which only a client that sends the list (runpod/secretsChanged) gives the server,
 * so an editor without the extension never sees the action.
 */
export const RotateSecretCommand = 'runpod.secrets.rotate';
export const CreateSecretFromValueCommand = 'runpod.secrets.createFromValue';
export interface CreateSecretFromValueCommandArgs {
  uri: string;
  /** LSP range of the hard-coded value in the document; the client reads the value itself. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  suggestedName: string;
}

/** An LSP range, as the protocol writes it (the client maps it to its own type). */
export interface ProtocolRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** One place a secret is referenced in a workspace file. */
export interface SecretUsageLocation {
  uri: string;
  range: ProtocolRange;
  /** The variable holding the reference, when it has a valid name. */
  key?: string;
  /** The core's substitution verdict (`substitutionOf`): whether RunPod puts the value there. */
  substituted: 'yes' | 'no' | 'undocumented';
}

/**
 * Client -> server request: where secrets are referenced in the workspace, from the server's index
 * of every RunPod file under the workspace folders (opened or not). `names` limits the answer to
 * those secrets (all referenced names when absent); `withLocations` adds each location (the tree
 * asks for counts only, View/Delete/Rename for locations).
 */
/**
 * Why the workspace index may lack files: its walk is not done (`indexing`: the first, or the one
 * being made when a rename stopped waiting), the workspace holds more than it reads (`limit`: its
 * file cap or its walk's entry cap), a folder's settings could not be read from the client and it
 * was walked by the ones it had (`settings`: files its runpod.files or runpod.environments now
 * name may be missing), or some of it could not be read (`unreadable`: a folder it cannot list, a
 * file it cannot open; a rename names them in `files` instead). The one cause said by usage counts
 * and renames alike.
 */
export type IndexGap = 'indexing' | 'limit' | 'settings' | 'unreadable';

export const SecretUsagesRequest = 'runpod/secretUsages';
export interface SecretUsagesParams {
  names?: string[];
  withLocations?: boolean;
}
export interface SecretUsagesResult {
  /**
   * Per secret name: the active account's files that reference it and the number of references
   * (the files of an environment that declares another valid account are left out: there the name
   * is that account's secret).
   */
  usages: Record<string, { files: number; references: number; locations?: SecretUsageLocation[] }>;
  /** False when there may be more files: the index has a `gap`, or this answer stopped at its own size (then no `gap`). */
  complete: boolean;
  /** Why the index may lack files, when it may (the cause a rename's `incomplete.index` names). */
  gap?: IndexGap;
  /**
   * With the gap `limit` only: the first folder the index met deeper than it walks, as the server's
   * warning names it (its path, cut: displayText.ts pathLabel), so the client's notes say where.
   */
  deepFolder?: string;
  /**
   * A file counted here was read only in part (IndexEntry.readInPart: past the analysis limits or
   * the uses the index keeps of a file): uses past where it was read are not counted. `complete` is then false.
   */
  readInPart?: true;
}

/**
 * Client -> server request: the workspace edit that renames every reference to secret `from` into
 * `to` across the workspace (one refactoring edit the client can preview and apply); the same edit
 * `textDocument/rename` gives from a reference. `null` when `to` is not a valid secret name.
 */
export const RenameSecretRequest = 'runpod/renameSecret';
export interface RenameSecretParams {
  from: string;
  to: string;
  /**
   * The account the new secret was created in (a name, never a key): files of environments that
   * declare another account are left out. The active account's when absent.
   */
  account?: string;
}
/** A file the rename left as it is: its environment runs under another account than the list's (`account` absent: its declared account is not an account name). */
export interface RenameLeftOut {
  uri: string;
  environment: string;
  account?: string;
}
/** A file the index lists as referencing the name that the edit could not cover whole. */
export interface RenameNotWhole {
  uri: string;
  /**
   * `unreadable`: it could not be read for the edit (left as it is); `too-large`: past the analysis
   * limit, only its start was read and edited; `undecodable-name`: a folder holding a file or folder
   * whose name is not UTF-8, which the server cannot open by name (no permission problem).
   */
  why: 'unreadable' | 'too-large' | 'undecodable-name';
}
/**
 * What a rename may not have reached, for the client to say before anything else changes (absent
 * when the rename is whole). `index`: the index may lack files that reference the name, because its
 * walk had not finished when the rename stopped waiting (`indexing`) or the workspace holds more
 * than it reads (`limit`). `files`: files it lists that the edit could not cover whole.
 */
export interface RenameIncomplete {
  index?: IndexGap;
  files?: RenameNotWhole[];
}
/**
 * The answer: an LSP WorkspaceEdit (`changes` or `documentChanges`), with `leftOut` when files
 * referencing `from` were left out because they are another account's (its `from` is another
 * secret there), and `incomplete` when the edit may not reach every reference.
 * `textDocument/rename` gives the same edit, without either.
 */
export type RenameSecretResult = { changes?: unknown; documentChanges?: unknown; changeAnnotations?: unknown; leftOut?: RenameLeftOut[]; incomplete?: RenameIncomplete };
/**
 * Client -> server request, after `textDocument/rename` from a reference (F2), whose answer can
 * only be the edit: the files that rename left as they are because they are another account's,
 * and what it may not have reached (`incomplete`, as `runpod/renameSecret` says it), for the
 * client to say so. Params: the rename's `TextDocumentPositionParams`; `leftOut` is empty (and
 * `incomplete` absent) off a reference or in a document the server does not serve.
 */
export const RenameLeftOutRequest = 'runpod/renameLeftOut';
export interface RenameLeftOutResult {
  leftOut: RenameLeftOut[];
  incomplete?: RenameIncomplete;
}
/** Server -> client notification after the index changed (files added, edited, removed): usage counts may be stale. */
export const UsagesChangedNotification = 'runpod/usagesChanged';

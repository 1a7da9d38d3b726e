/**
 * Every user-facing text of the API client in one table, so wording stays consistent and each
 * message says what happened and what to do, in words every surface can show (what fixes each
 * kind, and how the editor and the CLI word a command or a variable, is runpod/errorKinds.ts and
 * its adapters). The one step that depends on where the message is read, looking at the account's
 * current state again, takes the `Surface` the client was made for. Inputs that come from a
 * server are redacted by the caller before they reach these functions; names and ids are not secret.
 */
import { DEFAULT_BASE_URL } from './defaultBaseUrl';
import { describeWait } from './serverWait';
import { TIMEOUT_ENV } from './environmentVariables';
import { TIMEOUT_SETTING } from './timeout';
import type { Named, PodAction } from './types';
import { marked, Wording, words, type Marked } from './wording';
import { isAnswerTimeout } from './timeoutCodes';
import { bytesInWords } from '../../../server/src/template/counts';

/** What the caller was doing; drives the wording. */
export interface Operation {
  /** Human phrase, e.g. "list secrets", "create secret `hf-token`". */
  label: string;
  /** Which permission a 403 lacks, e.g. "secrets". */
  resource: 'secrets' | 'templates' | 'pods' | 'the GPU catalog' | 'endpoints';
  /** A create whose outcome matters after a timeout, a pod create (400 = capacity), etc. */
  action?: 'create' | 'update' | 'delete' | 'read' | 'pod-create' | 'pod-action';
  /** The name or id acted on; absent for lists. */
  target?: string;
  /** The endpoint of a worker acted on: its workers are the list to see again, not the endpoints. */
  endpointId?: string;
}

/** A base URL other than RunPod's own, and where the user set it (e.g. "the runpod.apiUrl setting"). */
export interface CustomUrl {
  source: string;
  url: string;
}

/** How many attempts a request had when the client gave up, and the time since the first was sent. */
export interface Tries {
  attempts: number;
  elapsedMs: number;
}

/** Where the client's messages are read: the editor (notifications, views) or the command line. */
export type Surface = 'editor' | 'cli';

/**
 * How each surface shows the account's current list of a resource again: the view's Refresh
 * command in the editor (titles in package.json), the `list` command on the command line.
 * The editor has no view of templates or the GPU catalog.
 */
const LIST_AGAIN: Record<Surface, Record<Operation['resource'], string>> = {
  editor: {
    secrets: "run 'RunPod: Refresh Secrets'",
    pods: "run 'RunPod: Refresh Pods'",
    endpoints: "run 'RunPod: Refresh Endpoints'",
    templates: "open the account's templates in the RunPod console",
    'the GPU catalog': 'run the command again',
  },
  cli: {
    secrets: 'run `runpod-check secrets list`',
    pods: 'run `runpod-check pods list`',
    endpoints: 'run `runpod-check endpoints list`',
    templates: 'run `runpod-check templates list`',
    'the GPU catalog': 'run `runpod-check gpus list`',
  },
};
/** Where each surface sets the per-request timeout (package.json's setting; the CLI's variable). */
const TIMEOUT_SETTING_OF: Record<Surface, string> = { editor: `the ${TIMEOUT_SETTING} setting`, cli: TIMEOUT_ENV };
const listAgain = (surface: Surface, resource: Operation['resource'], endpointId?: string): string =>
  surface === 'cli' && endpointId !== undefined ? `run \`runpod-check endpoints workers ${endpointId}\`` : LIST_AGAIN[surface][resource];
/**
 * The sentences that send the user to the list again, marked (wording.ts) so a dialog whose own
 * button does that can leave them out (Rotate's Retry Restart lists the Pods again before restarting).
 */
const seeList = (list: string): string => `To see the current list, ${list}.`;
const stepSeeList = (list: string): Marked => marked('listAgain', ` ${seeList(list)}`);
const stepSeeState = (list: string): Marked => marked('listAgain', ` To see its state and its allowed actions, ${list}.`);
/** "It may or may not have taken effect: run … to check before trying again.", left out as "It may or may not have taken effect." */
const stepToCheck = (list: string): Marked => marked('listAgain', `: ${list} to check before trying again.`, '.');
/**
 * The operation a message names, with the words that lead to it (" while trying to ", " to ", ": "),
 * marked so a line that names the target itself (Rotate's "Pod b (2) did not restart: …") leaves it out.
 */
const doing = (lead: string, op: Operation): Marked => marked('operation', `${lead}${op.label}`);
/**
 * After a write that may have happened: ": run 'RunPod: Refresh Pods' to check before trying again."
 * A secret's update is the exception: no list shows a value, so there is nothing to check, and the
 * same PATCH again leaves the secret as the first one would have (Rotate, Edit Value, Edit Description).
 */
const checkFirst = (surface: Surface, op: Operation): string | Marked =>
  op.resource === 'secrets' && op.action === 'update'
    ? ': sending the same change again is safe, so run it again.'
    : stepToCheck(listAgain(surface, op.resource, op.endpointId));
/** After a write that may have reached RunPod: " The request may have reached RunPod: run … to check before trying again." */
const mayHaveReached = (writeMayHaveHappened: boolean, surface: Surface, op: Operation): Wording | string =>
  writeMayHaveHappened ? words` The request may have reached RunPod${checkFirst(surface, op)}` : '';

/** The next step after a connection failed: the API URL when it is not RunPod's, else the network and proxy. */
const checkConnection = (customUrl: CustomUrl | undefined): string =>
  customUrl ? `Check ${customUrl.source} (${customUrl.url}) and your connection.` : 'Check your network connection and proxy settings.';

/** `Pod \`train\` (c2pf…)` when the caller names it, else `pod \`c2pf…\`` (the command line acts by id). */
export function subject(kind: 'pod' | 'template', id: string, named: Named = {}): string {
  return named.name !== undefined && named.name !== id ? `${kind === 'pod' ? 'Pod' : kind} \`${named.name}\` (${id})` : `${kind} \`${id}\``;
}

/** The operation a Pod action's messages name: "restart pod `c2pf…`". */
export const podActionLabel = (action: PodAction, id: string, named: Named = {}): string => `${action} ${subject('pod', id, named)}`;

/** Why a client refuses: the window (or the command line) let it go for another key, URL or account. */
const CLOSED_CLIENT = 'this RunPod client was closed, as the API key, the API URL or the active account changed';

/**
 * How a write whose outcome is open came to an end. An HTTP status is an answer: RunPod's own
 * server error, a gateway's that stopped waiting for RunPod (`gateway`: RunPod itself gave none),
 * or a 2xx (accepted) whose body could not be read.
 * Only a code (a timeout, a dropped connection) is no answer at all. errors.ts lostOutcome makes it.
 */
export type LostOutcome = { status: number; gateway: boolean } | { code: string };
/** The opening of every message about a write whose outcome is open: what came back, if anything. */
const requestEnded = (op: Operation, ended: LostOutcome): Wording =>
  'code' in ended
    ? words`The request${doing(' to ', op)} got no answer (${ended.code})`
    : ended.gateway
      ? words`The request${doing(' to ', op)} got no answer from RunPod (a gateway answered ${ended.status})`
      : ended.status < 300
        ? words`RunPod accepted the request${doing(' to ', op)} (${ended.status}) but its answer cannot be read`
        : words`RunPod answered ${ended.status} (server error) to the request${doing(' to ', op)}`;

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
const withDetail = (text: Wording, detail: string | undefined): Wording => (detail ? text.concat(` RunPod said: ${detail}`) : text);

export const messages = {
  missingKey: () => 'No RunPod API key is set.',
  badKeyFormat: () =>
    'The RunPod API key contains spaces or control characters. Copy the key again from the RunPod console.',
  baseUrlNotUrl: () => `The RunPod API URL is not a valid URL. Use the form ${DEFAULT_BASE_URL}.`,
  baseUrlCredentials: (shown: string) =>
    `The RunPod API URL (${shown}) must not contain a user name or password; the API key is sent as a header.`,
  baseUrlQuery: (shown: string) => `The RunPod API URL (${shown}) must not contain a query or fragment.`,
  baseUrlInsecure: (shown: string) =>
    `The RunPod API URL ${shown} uses http://, which would send the API key unencrypted. Use https://; http:// is only allowed for localhost, 127.0.0.0/8 and [::1].`,
  baseUrlScheme: (shown: string) => `The RunPod API URL ${shown} must start with https://.`,
  nothingToUpdate: (name: string) => `Nothing to update for secret \`${name}\`: give a new value, a new description, or both.`,

  // What happened only: the fix is worded by each surface (errorKinds.ts remedy 'set-key').
  unauthorized: () => 'RunPod rejected the API key (401).',
  forbidden: (op: Operation) =>
    words`The API key lacks permission${doing(' to ', op)} (403). Create a key with read/write access to ${op.resource}.`,
  /**
   * The editor asks for secrets by the names its list shows: the secret was deleted elsewhere. Its
   * store lists them again after this answer and adds whether that worked ({@link messages.secretsListedAgain}).
   * The command line takes any name typed, so it may never have existed.
   */
  secretNotFound: (name: string, surface: Surface) =>
    surface === 'editor'
      ? `Secret \`${name}\` no longer exists on this RunPod account (deleted elsewhere).`
      : words`No secret named \`${name}\` exists in this RunPod account; it may have been deleted.${stepSeeList(listAgain(surface, 'secrets'))}`,
  /** What the editor's store adds to a secret found gone: the list it asked again, or, when that did not happen, the Refresh to run. */
  secretsListedAgain: (refreshed: boolean): Wording => (refreshed ? Wording.of(' The Secrets list was refreshed.') : words`${stepSeeList(listAgain('editor', 'secrets'))}`),
  notFound: (op: Operation, surface: Surface, detail?: string) =>
    withDetail(words`RunPod found nothing${doing(' to ', op)} (404); it may have been deleted.${stepSeeList(listAgain(surface, op.resource, op.endpointId))}`, detail),
  listNotFound: (op: Operation, base: string) =>
    words`RunPod answered 404${doing(' to ', op)}. Check the API URL (${base}); it should look like ${DEFAULT_BASE_URL}.`,
  duplicateSecret: (name: string) => `A secret named \`${name}\` already exists. Choose another name, or update that secret.`,
  duplicateTemplate: (name: string) => `A template named \`${name}\` already exists. Choose another name, or update that template.`,
  conflict: (op: Operation, detail?: string) =>
    withDetail(words`RunPod refused${doing(' to ', op)} because it conflicts with the current state (409).`, detail),
  podActionConflict: (op: Operation, surface: Surface, detail?: string) =>
    withDetail(words`The pod cannot do that in its current state (409)${doing(': ', op)}.${stepSeeState(listAgain(surface, 'pods'))}`, detail),
  /** `fieldsListed`: RunPod's answer named the fields at fault (its errors list, in the details). */
  validation: (op: Operation, status: number, fieldsListed: boolean, detail?: string) =>
    withDetail(
      words`RunPod rejected the request${doing(' to ', op)} (${status}). ${fieldsListed ? 'Fix the fields listed and try again.' : 'Check the names and values given and try again.'}`,
      detail,
    ),
  insufficientBalance: (op: Operation) =>
    words`Your RunPod balance is too low${doing(' to ', op)} (402). Add funds in the RunPod console, then try again.`,
  noCapacity: () => 'No capacity for that GPU type right now; pick another GPU type or cloud.',
  rateLimited: (op: Operation, retryAfterSeconds?: number) =>
    words`RunPod is rate-limiting this API key (429)${doing(' while trying to ', op)}. ${retryAfterSeconds !== undefined ? `Try again ${describeWait(retryAfterSeconds)}.` : 'Wait a minute and try again.'}`,
  rateLimitExhausted: (op: Operation, window: string, retryAfterSeconds: number) =>
    words`RunPod's ${window} request quota for this API key is used up, so the request${doing(' to ', op)} was not sent. Try again ${describeWait(retryAfterSeconds)}.`,
  server: (op: Operation, status: number, writeMayHaveHappened: boolean, surface: Surface) =>
    words`RunPod had a server error (${status})${doing(' while trying to ', op)}. ${writeMayHaveHappened ? words`It may or may not have taken effect${checkFirst(surface, op)}` : 'Try again in a moment.'}`,
  /** The proxy's address is never shown: the variable may hold its password. */
  proxyRefused: (op: Operation, host: string, status: number) =>
    words`The proxy set in HTTPS_PROXY / HTTP_PROXY refused the connection to ${host} (HTTP ${status})${doing(' to ', op)}, so nothing was sent. ${
      status === 407 ? 'Put the proxy\'s user name and password in that variable' : 'Check the proxy address in that variable'
    }, or list ${host} in NO_PROXY to connect directly.`,
  network: (op: Operation, host: string, code: string, writeMayHaveHappened: boolean, surface: Surface, customUrl?: CustomUrl) =>
    words`Could not reach RunPod at ${host}${doing(' to ', op)} (${code}). ${checkConnection(customUrl)}${mayHaveReached(writeMayHaveHappened, surface, op)}`,
  /** The connection was made and closed by the other side before the answer was complete (errors.ts errorFromTransport): RunPod was reached. */
  answerCut: (op: Operation, host: string, code: string, writeMayHaveHappened: boolean, surface: Surface, customUrl?: CustomUrl) =>
    words`The connection to RunPod closed before the answer was complete (${host}${doing(', ', op)}, ${code}). ${checkConnection(customUrl)}${mayHaveReached(writeMayHaveHappened, surface, op)}`,
  /** The connection was made and answered, in something other than HTTP (errors.ts NOT_HTTP): the address is the one to check. */
  notHttp: (op: Operation, host: string, writeMayHaveHappened: boolean, surface: Surface, customUrl?: CustomUrl) =>
    words`The server at ${host} answered${doing(' the request to ', op)} in something that is not HTTP. ${
      customUrl ? `Check ${customUrl.source} (${customUrl.url}): it should be RunPod's API, not another service.` : 'Check any proxy between you and RunPod.'
    }${mayHaveReached(writeMayHaveHappened, surface, op)}`,
  tls: (host: string, code: string) =>
    `The TLS certificate of ${host} was not accepted (${code}). If a proxy inspects HTTPS traffic, trust its certificate (NODE_EXTRA_CA_CERTS).`,
  /** A TLS failure other than a refused certificate (a bad record mid-answer): it may come after the request went out. */
  tlsFailed: (op: Operation, host: string, code: string, writeMayHaveHappened: boolean, surface: Surface) =>
    words`The secure connection to ${host} failed${doing(' while trying to ', op)} (${code}). Check your network and any proxy between you and RunPod.${mayHaveReached(writeMayHaveHappened, surface, op)}`,
  /** `tries`: when the retry policy asked again, how often and how long in all (the pauses between included). */
  timeout: (op: Operation, timeoutMs: number, writeMayHaveHappened: boolean, surface: Surface, tries?: Tries) =>
    words`${
      tries && tries.attempts > 1
        ? words`RunPod did not answer ${tries.attempts} attempts${doing(' to ', op)}, each given ${seconds(timeoutMs)}: ${seconds(tries.elapsedMs)} in all, with the pauses between them.`
        : words`RunPod did not answer within ${seconds(timeoutMs)}${doing(' to ', op)}.`
    } ${
      writeMayHaveHappened
        ? words`It may or may not have taken effect${checkFirst(surface, op)}`
        : `Check your connection, or raise the timeout (${TIMEOUT_SETTING_OF[surface]}), and try again.`
    }`,
  /** The command line's Ctrl+C while a write was on its way: it may still happen, as after a timeout. */
  interruptedWrite: (op: Operation, surface: Surface) => words`Interrupted${doing(' while trying to ', op)}. It may or may not have taken effect${checkFirst(surface, op)}`,
  clientClosed: (op: Operation) =>
    words`The request${doing(' to ', op)} was not sent: ${CLOSED_CLIENT}. Nothing was done; run it again.`,
  createOutcomeUncheckable: (op: Operation, ended: LostOutcome, surface: Surface) =>
    words`${requestEnded(op, ended)}, and whether it happened could not be checked: ${CLOSED_CLIENT}. So as not to create it twice, ${listAgain(surface, op.resource)} in the account it was meant for before trying again.`,
  createOutcomeUnknown: (op: Operation, ended: LostOutcome, surface: Surface) =>
    words`${requestEnded(op, ended)} and checking whether it happened failed too. So as not to create it twice, ${listAgain(surface, op.resource)} before trying again.`,
  /**
   * A create sent whole got no answer and is not listed right after: RunPod may still be making
   * it. `namesUnique` (secrets, templates): a second create would then be refused as a duplicate,
   * not made twice; otherwise (Pods, endpoints) a second create is a second, billed one.
   */
  createNotListedYet: (op: Operation, ended: LostOutcome, surface: Surface, namesUnique = false) =>
    words`${requestEnded(op, ended)}, and it is not listed yet, but RunPod may still be creating it. ${
      namesUnique
        ? `If it appears, creating it again would be refused as a duplicate name: wait a minute, then ${listAgain(surface, op.resource)} before trying again.`
        : `So as not to create it twice, wait a minute, then ${listAgain(surface, op.resource)} before trying again.`
    }`,
  serverNotCreated: (op: Operation, status: number) =>
    words`RunPod had a server error (${status})${doing(' while trying to ', op)}, and it does not exist on RunPod: nothing was created. Try again in a moment.`,
  /**
   * A delete or terminate that got no answer, its object still listed right after: RunPod may still
   * carry it out, and asking again is harmless (a second delete of what is gone is a "not found").
   */
  removalNotListedGone: (op: Operation, ended: LostOutcome, surface: Surface) =>
    words`${requestEnded(op, ended)}, and it is still listed, but RunPod may still carry it out. To check, ${listAgain(surface, op.resource, op.endpointId)}; trying again is safe.`,
  podCreateAmbiguous: (op: Operation, ids: string[], surface: Surface) =>
    words`The request${doing(' to ', op)} got no answer, and several new pods with that name now exist (${ids.join(', ')}). Before launching again, ${listAgain(surface, 'pods')} and check them.`,
  endpointCreateAmbiguous: (op: Operation, ids: string[], surface: Surface) =>
    words`The request${doing(' to ', op)} got no answer, and several new endpoints with that name now exist (${ids.join(', ')}). Before deploying again, ${listAgain(surface, 'endpoints')} and check them.`,
  logStreamNotEvents: (op: Operation, contentType: string) =>
    words`RunPod answered the request${doing(' to ', op)} with ${contentType || 'no content type'} instead of an event stream. Check the API URL and try again.`,
  logStreamReconnecting: (code: string, attempt: number, max: number, delayMs: number) =>
    `The log stream was interrupted (${code}); reconnecting in ${seconds(delayMs)} (attempt ${attempt} of ${max}).`,
  logStreamNotConnected: (code: string, attempt: number, max: number, delayMs: number) =>
    `${isAnswerTimeout(code) ? 'Got no answer from' : 'Could not connect to'} the log stream (${code}); trying again in ${seconds(delayMs)} (attempt ${attempt} of ${max}).`,
  logStreamSlowed: (perMinute: number, delayMs: number) =>
    `The log stream keeps closing; reconnecting at most ${perMinute} times a minute to spare the API key's request quota (next in ${seconds(delayMs)}).`,
  logStreamGaveUp: (op: Operation, attempts: number, last: string) =>
    words`Lost the connection${doing(' while trying to ', op)}: ${attempts} reconnection attempts in a row failed (last: ${last}). Check your connection and run it again.`,
  logLineTooLong: (maxBytes: number) => `[a log line longer than ${bytesInWords(maxBytes)} was skipped]`,
  logEventUnreadable: () => '[an event that is not a log line was skipped]',
  /** A write answered 2xx whose body cannot be read: done, as far as RunPod said. */
  writeAnswerUnreadable: (op: Operation, status: number, reason: string, surface: Surface) =>
    words`RunPod accepted the request${doing(' to ', op)} (${status}), but its answer cannot be read (${reason}). It has most likely taken effect${checkFirst(surface, op)}`,
  badResponse: (op: Operation, reason: string) =>
    words`RunPod sent a response that cannot be read${doing(' while trying to ', op)} (${reason}). Try again; if it persists, check the API URL.`,
  unexpectedStatus: (op: Operation, status: number, detail?: string) =>
    withDetail(words`RunPod answered ${status} to the request${doing(' to ', op)}. Check the API URL and try again.`, detail),
} as const;

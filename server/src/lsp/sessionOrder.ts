/**
 * LSP's order of a session, which vscode-languageserver does not keep: `initialize` comes first and
 * once. Before it, a request is answered ServerNotInitialized and a notification (but `exit`) is
 * dropped; a second `initialize` is refused, and so is one without a capabilities object (InvalidParams). The library took a second one as a new start: it set
 * up another parent-process watchdog (a `processId` of a process gone exited the server within 3
 * seconds), and the server took the new capabilities (a push client switched to pull got no more
 * diagnostics) and secret list.
 *
 * It sits before the library's dispatch (a message strategy of the connection, for every
 * transport). A refused request is passed on renamed to a method whose handler answers the error,
 * so the library still replies to its id.
 *
 * A request with `params: null` is refused here too, as invalid params (errors.ts invalidParams): the
 * library reads `params.workDoneToken` before any handler of ours runs, and answered InternalError
 * quoting its own TypeError. `shutdown` has no params (LSP: void), and clients send it with null.
 */
import { ErrorCodes, Message, ResponseError, ShutdownRequest, type ConnectionOptions, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';
import { invalidParams } from './errors';

/** The methods refused requests are renamed to; {@link refusals} answers them. */
const NOT_INITIALIZED = 'runpod/$notInitialized';
const INITIALIZE_AGAIN = 'runpod/$initializeAgain';
const NULL_PARAMS = 'runpod/$nullParams';
const NO_CAPABILITIES = 'runpod/$initializeWithoutCapabilities';

/** Whether `params` can be an initialize's: an object with a capabilities object (LSP: both required). */
function hasCapabilities(params: unknown): boolean {
  const capabilities = typeof params === 'object' && params !== null ? (params as { capabilities?: unknown }).capabilities : undefined;
  return typeof capabilities === 'object' && capabilities !== null;
}

export interface SessionOrder {
  /** The connection's options: the strategy that keeps the order. */
  options: ConnectionOptions;
  /** Handlers to register for the refused requests (method -> the error it answers). */
  refusals: readonly [method: string, answer: (params: unknown) => ResponseError<void>][];
  /**
   * Called by the server's `initialize` handler once it has taken the session's parameters: the
   * session starts then, not when the request arrives. An `initialize` that fails (the library
   * throws on its params before the handler runs) starts nothing, and the client may send it again.
   * The handler runs synchronously within the request's dispatch, so a second `initialize` queued
   * behind a first that succeeds is still refused.
   */
  started(): void;
}

export function sessionOrder(): SessionOrder {
  let initialized = false;
  const messageStrategy: MessageStrategy = {
    handleMessage(message, next) {
      if (Message.isRequest(message)) {
        const renamed = (method: string): RequestMessage => ({ ...message, method });
        if (message.method === 'initialize') {
          if (initialized) return next(renamed(INITIALIZE_AGAIN));
          // Refused before the library runs anything: a failing initialize could install the
          // parent-process watchdog first, and with null the library answered its own InternalError.
          if (!hasCapabilities(message.params)) return next(renamed(NO_CAPABILITIES));
        } else if (!initialized) {
          return next(renamed(NOT_INITIALIZED));
        } else if (message.params === null && message.method !== ShutdownRequest.method) {
          const refused: RequestMessage = { ...renamed(NULL_PARAMS), params: { method: message.method } };
          return next(refused);
        }
      } else if (Message.isNotification(message) && !initialized && message.method !== 'exit') {
        return;
      }
      next(message);
    },
  };
  return {
    options: { messageStrategy },
    started: () => {
      initialized = true;
    },
    refusals: [
      [NOT_INITIALIZED, () => new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized: send initialize first.')],
      [NO_CAPABILITIES, () => invalidParams('initialize', 'the params must be an object with a capabilities object; the session did not start, and initialize may be sent again')],
      [INITIALIZE_AGAIN, () => new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received: the session keeps what it started with; restart the server to start another.')],
      // The method is passed on as the params of the renamed request; it names the request refused.
      [NULL_PARAMS, (params) => invalidParams(String((params as { method?: unknown } | null)?.method), 'the params are null, where an object is expected')],
    ],
  };
}

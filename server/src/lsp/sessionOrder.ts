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
 * A request with `params: null` for a method the server handles is refused here too, as invalid
 * params (errors.ts invalidParams): the library reads `params.workDoneToken` before any handler of
 * ours runs, and answered InternalError quoting its own TypeError. `shutdown` has no params (LSP:
 * void), and clients send it with null. A method nothing handles is passed on as it came: the
 * library answers it MethodNotFound, as it does with any params. Which methods are handled is
 * learnt as their handlers are registered ({@link SessionOrder.noting}), not listed a second time.
 *
 * A request skipped for its size (messageBound.ts) is passed on whenever it comes, before or after
 * `initialize`: it was not read, and is refused for its size (InvalidRequest) as the README says.
 * A client's request for an internal method (internalMethods.ts) is refused MethodNotFound first.
 */
import { ErrorCodes, Message, ResponseError, ShutdownRequest, type ConnectionOptions, type ConsoleFeature, type MessageStrategy, type RemoteConsole, type RequestMessage } from 'vscode-languageserver/node';
import { invalidParams } from './errors';
import { MESSAGE_TOO_LONG } from './messageBound';
import { INTERNAL_METHODS } from './internalMethods';

/** The methods refused requests are renamed to; {@link refusals} answers them. */
const NOT_INITIALIZED = `${INTERNAL_METHODS}notInitialized`;
const INITIALIZE_AGAIN = `${INTERNAL_METHODS}initializeAgain`;
const NULL_PARAMS = `${INTERNAL_METHODS}nullParams`;
const NO_CAPABILITIES = `${INTERNAL_METHODS}initializeWithoutCapabilities`;
const INTERNAL = `${INTERNAL_METHODS}internal`;

/** Whether `params` can be an initialize's: an object with a capabilities object (LSP: both required). */
function hasCapabilities(params: unknown): boolean {
  const capabilities = typeof params === 'object' && params !== null ? (params as { capabilities?: unknown }).capabilities : undefined;
  return typeof capabilities === 'object' && capabilities !== null;
}

/**
 * The connection the library hands its console first (`rawAttach`, not in its typings): the RPC
 * connection every request handler is registered on, the library's own (`initialize`, `shutdown`,
 * the documents' `willSaveWaitUntil`) and the server's, whichever helper registered it (`onHover`,
 * `languages.semanticTokens.on`...). The connection the server is given is no place to note them:
 * its `onHover` and the like register on this one directly. Should a version of the library stop
 * calling `rawAttach`, nothing is noted and null params reach the library's InternalError again:
 * hostileClient.test.ts (params null for every method served) says so.
 */
interface RawConnection {
  onRequest(type: unknown, ...rest: unknown[]): unknown;
}

/** The method a request handler is registered for: a string or a request type's (the server registers no star handler). */
function registeredMethod(type: unknown): string | undefined {
  const method = typeof type === 'object' && type !== null ? (type as { method?: unknown }).method : type;
  return typeof method === 'string' ? method : undefined;
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
  /**
   * The connection's console feature, made to note every request method a handler is registered
   * for (on the RPC connection, which the library attaches to its console before registering any):
   * a null-params request for another method is left to the library, which answers MethodNotFound.
   */
  noting<P>(console: ConsoleFeature<P>): ConsoleFeature<P>;
}

export function sessionOrder(): SessionOrder {
  let initialized = false;
  /** The request methods with a handler, noted as they are registered ({@link SessionOrder.noting}). */
  const handled = new Set<string>();
  const messageStrategy: MessageStrategy = {
    handleMessage(message, next) {
      if (Message.isRequest(message)) {
        const renamed = (method: string): RequestMessage => ({ ...message, method });
        // A request skipped for its size was not read, so not known to be out of order (it may be the
        // initialize): it is refused for its size (InvalidRequest) whenever it comes, and starts nothing.
        if (message.method === MESSAGE_TOO_LONG) return next(message);
        // A client's own request for an internal method: refused before any is renamed to one.
        if (message.method.startsWith(INTERNAL_METHODS)) return next(renamed(INTERNAL));
        if (message.method === 'initialize') {
          if (initialized) return next(renamed(INITIALIZE_AGAIN));
          // Refused before the library runs anything: a failing initialize could install the
          // parent-process watchdog first, and with null the library answered its own InternalError.
          if (!hasCapabilities(message.params)) return next(renamed(NO_CAPABILITIES));
        } else if (!initialized) {
          return next(renamed(NOT_INITIALIZED));
        } else if (message.params === null && message.method !== ShutdownRequest.method && handled.has(message.method)) {
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
    noting: (console) => (Base) => {
      const rawAttach = (Base.prototype as { rawAttach?: (connection: RawConnection) => void }).rawAttach;
      return console(
        class extends Base {
          rawAttach(connection: RawConnection): void {
            const register = connection.onRequest.bind(connection);
            connection.onRequest = (type, ...rest) => {
              const method = registeredMethod(type);
              if (method !== undefined) handled.add(method);
              return register(type, ...rest);
            };
            rawAttach?.call(this, connection);
          }
        } as new () => RemoteConsole,
      );
    },
    refusals: [
      // The method is not echoed: its name, like the rest of the request, is the client's.
      [INTERNAL, () => new ResponseError(ErrorCodes.MethodNotFound, 'The method is internal to the server, not one a client can request.')],
      [NOT_INITIALIZED, () => new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized: send initialize first.')],
      [NO_CAPABILITIES, () => invalidParams('initialize', 'the params must be an object with a capabilities object; the session did not start, and initialize may be sent again')],
      [INITIALIZE_AGAIN, () => new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received: the session keeps what it started with; restart the server to start another.')],
      // The method is passed on as the params of the renamed request; it names the request refused.
      [NULL_PARAMS, (params) => invalidParams(String((params as { method?: unknown } | null)?.method), 'the params are null, where an object is expected')],
    ],
  };
}

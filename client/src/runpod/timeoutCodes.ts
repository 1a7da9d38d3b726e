/**
 * The transport codes that are a timeout, and what each says happened: `no-answer` when the
 * connection was made and the server did not answer (its headers, or the rest of its answer, did
 * not come in time), `no-reply` when the operating system got no reply, to the connect or on a
 * connection already open (so the request may have gone out), `no-connection` when no connection
 * was made in time. A leaf both errors.ts (the error's kind, and whether a write may have happened)
 * and messages.ts (the log stream's wording) read, so neither decides it alone.
 */
export type TimeoutMeaning = 'no-answer' | 'no-reply' | 'no-connection';

/** The client's own deadline on a request (transport.ts): the connection was made, the answer did not come. */
export const CLIENT_TIMEOUT = 'CLIENT_TIMEOUT';

export const TIMEOUT_CODES: ReadonlyMap<string, TimeoutMeaning> = new Map<string, TimeoutMeaning>([
  ['UND_ERR_HEADERS_TIMEOUT', 'no-answer'],
  ['UND_ERR_BODY_TIMEOUT', 'no-answer'],
  [CLIENT_TIMEOUT, 'no-answer'],
  ['UND_ERR_CONNECT_TIMEOUT', 'no-connection'],
  // The operating system's: TCP got no reply, whether to a connect or to data sent on an open connection.
  ['ETIMEDOUT', 'no-reply'],
]);

export const isTimeoutCode = (code: string): boolean => TIMEOUT_CODES.has(code);
/** True when the server may have been reached and did not answer in time (the log stream says it got no answer). */
export const isAnswerTimeout = (code: string): boolean => isTimeoutCode(code) && !isConnectTimeout(code);
/** True when the time ran out before a connection was made: nothing of the request was sent. */
export const isConnectTimeout = (code: string): boolean => TIMEOUT_CODES.get(code) === 'no-connection';

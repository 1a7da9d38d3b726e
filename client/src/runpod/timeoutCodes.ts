/**
 * The transport codes that are a timeout, and what each says happened: `no-answer` when the
 * connection was made and the server did not answer (its headers, or the rest of its answer, did
 * not come in time), `no-connection` when no connection was made in time. A leaf both errors.ts
 * (the error's kind) and messages.ts (the log stream's wording) read, so neither decides it alone.
 */
export type TimeoutMeaning = 'no-answer' | 'no-connection';

/** The client's own deadline on a request (transport.ts): the connection was made, the answer did not come. */
export const CLIENT_TIMEOUT = 'CLIENT_TIMEOUT';

export const TIMEOUT_CODES: ReadonlyMap<string, TimeoutMeaning> = new Map<string, TimeoutMeaning>([
  ['UND_ERR_HEADERS_TIMEOUT', 'no-answer'],
  ['UND_ERR_BODY_TIMEOUT', 'no-answer'],
  [CLIENT_TIMEOUT, 'no-answer'],
  ['UND_ERR_CONNECT_TIMEOUT', 'no-connection'],
  // The operating system's: a TCP connect that got no reply.
  ['ETIMEDOUT', 'no-connection'],
]);

export const isTimeoutCode = (code: string): boolean => TIMEOUT_CODES.has(code);
/** True when the server was reached but did not answer in time. */
export const isAnswerTimeout = (code: string): boolean => TIMEOUT_CODES.get(code) === 'no-answer';

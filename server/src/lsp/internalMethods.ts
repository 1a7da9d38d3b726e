/**
 * The start of the methods the server renames requests to, to answer them with an error it chooses
 * (sessionOrder.ts refusals, messageBound.ts MESSAGE_TOO_LONG). They are the server's own: a client
 * request for one is refused MethodNotFound before anything is renamed (sessionOrder.ts), so a client
 * cannot have a refusal answer params of its choosing.
 */
export const INTERNAL_METHODS = 'runpod/$';

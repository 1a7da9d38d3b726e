/**
 * lsp/sessionOrder.ts without a process: what a request reaches the library's dispatch as, and so
 * what it is answered (a refused request is renamed to a method whose handler answers the error).
 */
import { describe, expect, it } from 'vitest';
import { ErrorCodes, type Message, type RequestMessage, type ResponseError } from 'vscode-languageserver/node';
import { MAX_MESSAGE_BYTES, MESSAGE_TOO_LONG, messageTooLong } from '../../../server/src/lsp/messageBound';
import { grouped } from '../../../server/src/template/counts';
import { sessionOrder } from '../../../server/src/lsp/sessionOrder';

/** The error `request` is answered, as the server registers its handlers (server.ts); undefined if it reaches a handler of the server's own. */
function answer(order: ReturnType<typeof sessionOrder>, request: RequestMessage): ResponseError<void> | undefined {
  let passed: Message | undefined;
  order.options.messageStrategy!.handleMessage(request, (message) => {
    passed = message;
  });
  const method = (passed as RequestMessage).method;
  if (method === MESSAGE_TOO_LONG) return messageTooLong();
  const refusal = order.refusals.find(([refused]) => refused === method);
  return refusal?.[1]((passed as RequestMessage).params);
}

const tooLong = (id: number): RequestMessage => ({ jsonrpc: '2.0', id, method: MESSAGE_TOO_LONG });

describe('a request skipped for its size (lsp/messageBound.ts)', () => {
  it('is answered InvalidRequest before initialize too, as the README says of every over-size request (it may be the initialize)', () => {
    const order = sessionOrder();
    expect(answer(order, tooLong(1))).toMatchObject({ code: ErrorCodes.InvalidRequest });
    // It started nothing: a request is still refused as before initialize.
    expect(answer(order, { jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: {} })).toMatchObject({ code: ErrorCodes.ServerNotInitialized });
    order.started();
    expect(answer(order, tooLong(3))).toMatchObject({ code: ErrorCodes.InvalidRequest });
  });
});

describe("a client's request for one of the server's internal methods (runpod/$...)", () => {
  it.each([
    ['the refusal of null params, with a method of its choosing', 'runpod/$nullParams', { method: 'textDocument/<b>chosen</b>' }],
    ['the refusal of a request too long, with a length of its choosing', 'runpod/$messageTooLong', { length: '<b>chosen</b>', max: '<b>chosen</b>' }],
    ['a name nothing handles', 'runpod/$chosen', {}],
  ])('(%s) is MethodNotFound, before initialize and after, and echoes nothing it sent', (_, method, params) => {
    const order = sessionOrder();
    for (const started of [false, true]) {
      if (started) order.started();
      const refused = answer(order, { jsonrpc: '2.0', id: 1, method, params });
      expect(refused).toMatchObject({ code: ErrorCodes.MethodNotFound });
      expect(refused!.message).not.toMatch(/chosen/);
    }
  });

  it('the server\'s own request for a message too long says only the bound', () => {
    expect(messageTooLong().message).toBe(`The request was not read: its message is longer than the ${grouped(MAX_MESSAGE_BYTES)} bytes the server reads.`);
  });
});

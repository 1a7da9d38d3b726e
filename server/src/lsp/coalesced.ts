/**
 * A request to the client that only asks it to do something again (a diagnostics or semantic
 * tokens refresh), sent at most once at a time: asked again while one is in flight, it is sent once
 * more after that one is answered, however often it was asked meanwhile. Each refresh makes an
 * editor pull every open document (and the workspace) again, so a client flipping the secret list
 * a thousand times a second must not get a thousand refreshes.
 *
 * With `settle`, a send waits for it before it starts, and every ask meanwhile is covered by that
 * send (it has not looked at anything yet): asks that come in a burst (the editor's late answers to
 * workspace/configuration, one per folder and document) make one send, not one then one more.
 */
export function coalesced(send: () => Promise<unknown>, onError: (error: unknown) => void, settle?: () => Promise<void>): () => void {
  let state: 'idle' | 'settling' | 'inFlight' = 'idle';
  let again = false;
  const start = (): void => {
    state = 'inFlight';
    send()
      .catch(onError)
      .finally(() => {
        state = 'idle';
        if (again) {
          again = false;
          run();
        }
      });
  };
  const run = (): void => {
    if (!settle) return start();
    state = 'settling';
    settle().then(start, start);
  };
  return () => {
    if (state === 'inFlight') again = true;
    else if (state === 'idle') run();
  };
}

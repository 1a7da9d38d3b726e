/**
 * A request to the client that only asks it to do something again (a diagnostics or semantic
 * tokens refresh), sent at most once at a time: asked again while one is in flight, it is sent once
 * more after that one is answered, however often it was asked meanwhile. Each refresh makes an
 * editor pull every open document (and the workspace) again, so a client flipping the secret list
 * a thousand times a second must not get a thousand refreshes.
 */
export function coalesced(send: () => Promise<unknown>, onError: (error: unknown) => void): () => void {
  let inFlight = false;
  let again = false;
  const run = (): void => {
    inFlight = true;
    send()
      .catch(onError)
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return () => {
    if (inFlight) again = true;
    else run();
  };
}

/**
 * What the extension-core tests' stand-ins for vscode-languageclient's LanguageClient share: a
 * running flag that start, stop and dispose set, and notifications ignored; and the dependencies of
 * a RunpodLanguageClient with nothing of the extension behind them.
 */
import type { LanguageClientDeps } from '../../client/src/lsp/languageClient';

export class StandInLanguageClient {
  running = false;
  async start(): Promise<void> {
    this.running = true;
  }
  isRunning(): boolean {
    return this.running;
  }
  async stop(): Promise<void> {
    this.running = false;
  }
  async dispose(): Promise<void> {
    this.running = false;
  }
  onNotification(): void {}
}

/** An empty store and one account; `logged` collects warnings and errors; `selector` answers each start. */
export function standInDeps(selector: () => unknown[] = () => [], logged: string[] = []): LanguageClientDeps {
  return {
    context: { asAbsolutePath: (p: string) => p } as never,
    store: { onDidChange: () => ({ dispose() {} }), toCatalog: () => ({ state: 'unknown', secrets: [] }) } as never,
    accounts: { active: 'default', names: [], onDidChange: () => ({ dispose() {} }) },
    log: { info: () => undefined, warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), addSensitive: () => undefined } as never,
    selector: selector as never,
  };
}

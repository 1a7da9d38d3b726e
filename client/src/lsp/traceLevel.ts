/**
 * The log channel handed to vscode-languageclient, with a log-level event the extension can repeat.
 *
 * The library takes the channel's level when a client is constructed and listens for changes only
 * once the server has answered `initialize` (client.js: hookLogLevelChanged after `initialized`).
 * A level chosen in between (Developer: Set Log Level > Trace while the server starts, which takes
 * seconds on a large workspace) was lost: the message trace stayed off until the next restart, with
 * `runpod.trace.server` set and the channel at Trace. After each start, a level that changed since
 * the client was built is said again on the channel the library listens to.
 */
import * as vscode from 'vscode';

export class TraceLevelRelay implements vscode.Disposable {
  /** The channel to give the library: the extension's own, with this relay's log-level event. */
  readonly channel: vscode.LogOutputChannel;
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly listener: vscode.Disposable;

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.listener = output.onDidChangeLogLevel((level) => this.changed.fire(level));
    const event = this.changed.event;
    this.channel = new Proxy(output, {
      get(target, key) {
        if (key === 'onDidChangeLogLevel') return event;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** The level a client built now takes. */
  get level(): vscode.LogLevel {
    return this.output.logLevel;
  }

  /** After a start: repeat the channel's level if it changed since the client took `builtWith`. */
  caughtUp(builtWith: vscode.LogLevel): void {
    if (this.output.logLevel !== builtWith) this.changed.fire(this.output.logLevel);
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

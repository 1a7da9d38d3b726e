/**
 * Says once per session what the glob settings leave out (`runpod.files`, `runpod.environments`),
 * a `runpod.files` or `runpod.secrets.rotationDays` of the wrong kind (the default used instead),
 * and, once while it stays so, a `runpod.requestTimeoutMs` out of its bounds (the value used
 * instead, runpod/timeout.ts):
 * the editor, the server and the command line drop a glob too costly or too long to match alike
 * (template/globCost.ts), and without a word here the user would only see files go unchecked. The
 * problems name the setting, the position and the reason, never the glob as written, so a
 * repository's settings cannot put markup or an escape into the notification. Pure: the caller
 * passes how to show a message.
 */
import type { RunpodSettings } from './config';

export class SettingWarnings {
  private readonly shown = new Set<string>();
  /** The timeout's warning in effect, if any: said when it changes, forgotten once the setting is within its bounds. */
  private timeoutShown: string | undefined;

  constructor(private readonly show: (message: string) => void) {}

  /** Shows each problem of `settings` not shown before in this session. */
  check(settings: Pick<RunpodSettings, 'fileProblems' | 'environmentProblems' | 'timeoutProblems' | 'rotationProblems'>): void {
    for (const problem of [...settings.fileProblems, ...settings.environmentProblems, ...settings.rotationProblems]) {
      if (this.shown.has(problem)) continue;
      this.shown.add(problem);
      this.show(problem);
    }
    // The Settings UI writes the value as it is typed: 2, 20, 200 on the way to 2000 each say "1000
    // is used", one warning while it stays so. VS Code says no more of when an edit settles. Set
    // right and later wrong again, the warning is said again, though its words were said before.
    const timeout = settings.timeoutProblems[0];
    if (timeout !== undefined && timeout !== this.timeoutShown) this.show(timeout);
    this.timeoutShown = timeout;
  }
}

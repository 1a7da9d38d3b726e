/**
 * Says once per session what the glob settings leave out (`runpod.files`, `runpod.environments`),
 * and a `runpod.requestTimeoutMs` out of its bounds (the value used instead, runpod/timeout.ts):
 * the editor, the server and the command line drop a glob too costly or too long to match alike
 * (template/globCost.ts), and without a word here the user would only see files go unchecked. The
 * problems name the setting, the position and the reason, never the glob as written, so a
 * repository's settings cannot put markup or an escape into the notification. Pure: the caller
 * passes how to show a message.
 */
import type { RunpodSettings } from './config';

export class SettingWarnings {
  private readonly shown = new Set<string>();

  constructor(private readonly show: (message: string) => void) {}

  /** Shows each problem of `settings` not shown before in this session. */
  check(settings: Pick<RunpodSettings, 'fileProblems' | 'environmentProblems' | 'timeoutProblems'>): void {
    for (const problem of [...settings.fileProblems, ...settings.environmentProblems, ...settings.timeoutProblems]) {
      if (this.shown.has(problem)) continue;
      this.shown.add(problem);
      this.show(problem);
    }
  }
}

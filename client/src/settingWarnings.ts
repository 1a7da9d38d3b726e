/**
 * Says once per session what the glob settings leave out (`runpod.files`, `runpod.environments`),
 * a `runpod.files` or `runpod.secrets.rotationDays` of the wrong kind (the default used instead), what of
 * `runpod.diagnostics.severity` the server does not use,
 * the window's and each workspace folder's own (named),
 * and, once while it stays so, a `runpod.requestTimeoutMs` out of its bounds (the value used
 * instead, runpod/timeout.ts):
 * the editor, the server and the command line drop a glob too costly or too long to match alike
 * (template/globCost.ts), and without a word here the user would only see files go unchecked. The
 * problems name the setting, the position and the reason, never the glob as written, so a
 * repository's settings cannot put markup or an escape into the notification. Pure: the caller
 * passes how to show a message.
 */
import type { RunpodSettings } from './config';
import { TIMEOUT_SETTING } from './runpod/timeout';
import { plainName } from './ui/plainName';

/** The button of a setting's warning: it opens the Settings editor on that setting. */
export const OPEN_SETTINGS = 'Open Settings';

/** The settings a warning may be about: the one it names is where its Open Settings goes. */
const FILES_SETTING = 'runpod.files';
const ENVIRONMENTS_SETTING = 'runpod.environments';
export const ROTATION_SETTING = 'runpod.secrets.rotationDays';
export const SEVERITY_SETTING = 'runpod.diagnostics.severity';

export class SettingWarnings {
  private readonly shown = new Set<string>();
  /** The timeout's warning in effect, if any: said when it changes, forgotten once the setting is within its bounds. */
  private timeoutShown: string | undefined;

  /** `show` gets the message and the setting it is about (the Settings editor's query for the fix). */
  constructor(private readonly show: (message: string, setting: string) => void) {}

  /**
   * Shows each problem of `settings` not shown before in this session. `folder`: the settings are a
   * workspace folder's (its resource-scoped values, which a multi-root window's own settings do not
   * hold), checked after the window's: a problem the window said is not said again, one of the
   * folder's own names it (safe to show: a folder name may hold markup).
   */
  check(settings: Pick<RunpodSettings, 'fileProblems' | 'environmentProblems' | 'timeoutProblems' | 'rotationProblems' | 'severityProblems'>, folder?: string): void {
    const bySetting: Array<[string, string[]]> = [
      [FILES_SETTING, settings.fileProblems],
      [ENVIRONMENTS_SETTING, settings.environmentProblems],
      [ROTATION_SETTING, settings.rotationProblems],
      [SEVERITY_SETTING, settings.severityProblems],
    ];
    for (const [setting, problems] of bySetting) {
      for (const problem of problems) {
        if (this.shown.has(problem)) continue;
        this.shown.add(problem);
        this.show(folder === undefined ? problem : `${problem} (Folder ${plainName(folder)}.)`, setting);
      }
    }
    // The Settings UI writes the value as it is typed: 2, 20, 200 on the way to 2000 each say "1000
    // is used", one warning while it stays so. VS Code says no more of when an edit settles. Set
    // right and later wrong again, the warning is said again, though its words were said before.
    // The timeout is the user's alone (application scope): the window's check says it.
    if (folder !== undefined) return;
    const timeout = settings.timeoutProblems[0];
    if (timeout !== undefined && timeout !== this.timeoutShown) this.show(timeout, TIMEOUT_SETTING);
    this.timeoutShown = timeout;
  }
}

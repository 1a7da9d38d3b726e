/**
 * The user's home folder, decided once for the command line and the editor: the history file the
 * command line writes must be the one the editor reads, and the RunPod CLI config is looked for
 * under the same folder. HOME wins when set (Git for Windows sets it, and os.homedir() there reads
 * USERPROFILE instead), trimmed so a padded value names the same folder; a blank one is unset.
 */
import * as os from 'node:os';

export function homeOf(env: Readonly<Record<string, string | undefined>>): string {
  return env['HOME']?.trim() || os.homedir();
}

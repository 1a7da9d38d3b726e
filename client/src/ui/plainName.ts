/**
 * A name from the account (an endpoint's, a Pod's) inside a notification. VS Code renders
 * `[text](target)` in a notification as a link, `command:` targets included, so a name is kept
 * from forming one; controls and bidi overrides are escaped (the one display rule), and it stays
 * on one line.
 */
import { oneLine } from '../../../server/src/template/displayText';

export function plainName(name: string): string {
  return oneLine(name).replace(/\]\s*\(/g, '] (');
}

/**
 * Shows text a container printed (a log line) without letting it act on the screen: the project's
 * one display rule for text from files and servers (server/src/template/displayText.ts), applied
 * to the whole line. Every character a terminal, an output channel or an editor would interpret
 * rather than show (ESC of `ESC[2K` and `ESC]52` clipboard writes, CR, C1 controls such as the
 * one-byte CSI U+009B, bidi overrides, line separators) becomes its visible escape (`\u001b`).
 */
import { escapeUnsafe } from '../../../server/src/template/displayText';

/** `text` with every unsafe character replaced by its visible escape; a line feed inside a line too. */
export function neutralise(text: string): string {
  return escapeUnsafe(text);
}

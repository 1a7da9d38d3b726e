/**
 * A name from the account (an endpoint's, a Pod's) inside a notification. VS Code renders
 * `[text](target)` in a notification as a link, `command:` targets included, so a name is kept
 * from forming one; controls and bidi overrides are escaped (the one display rule), and it stays
 * on one line.
 */
import { clip, LABEL_MAX, oneLine, pathLabel, showInvisible } from '../../../server/src/template/displayText';

// The path's cut is the server's too (its warnings name paths): one rule, in displayText.ts.
export { pathLabel };

export function plainName(name: string): string {
  return oneLine(name).replace(/\]\s*\(/g, '] (');
}

/**
 * A name from a file, a repository or the API as a tree item's label or description, a dialog's
 * line or a tab title: one line, escapes shown not obeyed and invisible characters shown as escapes
 * (the one display rule), at most
 * {@link LABEL_MAX} characters. Tree labels and dialogs render no `$(icon)` codes; see {@link pickName}.
 */
export function nameLabel(name: string): string {
  return clip(showInvisible(oneLine(name)), LABEL_MAX);
}

/** A file or folder path inside a notification: {@link pathLabel}, kept from forming a link as {@link plainName} keeps a name. */
export function noticePath(path: string): string {
  return plainName(pathLabel(path));
}

/** A `$(name)` or `$(name~spin)` VS Code's quick pick draws as an icon (its codicon syntax). */
const ICON_CODE = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * Text for a quick pick's label, description or detail, which draw `$(icon)` codes: each code in
 * `text` gets VS Code's escape, a backslash, so a name cannot add an icon or fake status.
 */
export function noIcons(text: string): string {
  return text.replace(ICON_CODE, (code) => `\\${code}`);
}

/** {@link nameLabel} for a quick pick, or a status bar message: both draw `$(icon)` codes. */
export function pickName(name: string): string {
  return noIcons(nameLabel(name));
}

/** {@link pathLabel} for a quick pick. */
export function pickPath(path: string): string {
  return noIcons(pathLabel(path));
}

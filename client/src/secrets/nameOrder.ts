/**
 * The one order of secret names, shared by `runpod-check secrets list`, the store and the Secrets
 * view / picker: by the lowercased name, then by the exact name (so A comes just before a), both by
 * UTF-16 code unit. Not localeCompare: that depends on the machine's locale, and the same account
 * must list the same way on every machine and in the terminal and the editor alike.
 * Pure (no `vscode` import).
 */

/** Code-unit order: the same everywhere. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of two secret names (lowercased first, then exact; code units, not locale). */
function compareSecretNames(a: string, b: string): number {
  return byCodeUnit(a.toLowerCase(), b.toLowerCase()) || byCodeUnit(a, b);
}

/** `Array.prototype.sort` comparator for anything with a secret name. */
export function bySecretName(a: { readonly name: string }, b: { readonly name: string }): number {
  return compareSecretNames(a.name, b.name);
}

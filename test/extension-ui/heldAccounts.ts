/**
 * The window's accounts for a flow test: `active` (tests switch by setting it) and the names the
 * editor holds a key for, `default` unless told, as Switch Account would list them.
 */
export function heldAccounts(
  active: string,
  held: readonly string[] = ['default'],
): { active: string; names: readonly string[]; has(name: string): boolean; onDidChange(listener: () => void): { dispose(): void } } {
  // The names never change here: nothing fires.
  return { active, names: held, has: (name) => held.some((h) => h.toLowerCase() === name.toLowerCase()), onDidChange: () => ({ dispose() {} }) };
}

/**
 * Which secret a command is about. Commands are invoked from a tree item (a node), from a code
 * action or another command (a name or `{ name }`), or from the palette (nothing: ask).
 */

/**
 * The secret name carried by a command argument, if any: a string, or an object with a string
 * `name` (command args) or a `secretName` (tree nodes). Anything else gives undefined.
 */
export function nameFromArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.length > 0 ? arg : undefined;
  if (typeof arg === 'object' && arg !== null) {
    const record = arg as { secretName?: unknown; name?: unknown };
    if (typeof record.secretName === 'string' && record.secretName) return record.secretName;
    if (typeof record.name === 'string' && record.name) return record.name;
  }
  return undefined;
}

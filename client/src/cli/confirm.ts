/**
 * Confirmation before a destructive command (delete a secret or an endpoint, terminate a Pod):
 * the typed name, asked only on a terminal.
 */
import { CliError, UsageError } from './errors';
import type { Io } from './io';

/**
 * Asks the user to type `expected` before a destructive action. Without a terminal there is nobody
 * to ask: refuse (exit 2) rather than proceed, and say how to confirm in a script.
 */
export async function confirmTyped(io: Io, expected: string, question: string, command: string): Promise<void> {
  requireTerminal(io, command);
  const answer = (await io.prompt(question)).trim();
  if (answer !== expected) throw new CliError('cancelled: the text typed did not match');
}

/** Refuses (exit 2) when there is no terminal to ask on, saying how to confirm in a script. */
export function requireTerminal(io: Io, command: string): void {
  if (!io.stdinIsTTY) throw new UsageError('refusing without confirmation: no terminal to ask on; pass --yes to confirm in a script', command);
}

/**
 * "Held account: Switch; otherwise: Add" is one rule (server environments/accounts.ts accountStep),
 * said by the other-account note and F2 (otherAccount.test), Launch Pod's and Deploy's guard
 * (launchEnvironment.test, serverless.test) and the history document (historyDocument.test). Here:
 * the commands it names are the ones the editor contributes, by their palette titles.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { accountStep } from '../../server/src/template/environments/accounts';
import { ACCOUNT_COMMANDS } from '../../client/src/status/accountText';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const titles: Record<string, { category: string; title: string }> = Object.fromEntries(
  pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, c]),
);

it.each([
  [true, 'switch', ACCOUNT_COMMANDS.switchAccount],
  [false, 'add', ACCOUNT_COMMANDS.addAccount],
] as const)('held %s: the step is %s, named as the palette and a button name %s', (held, kind, command) => {
  const step = accountStep(held);
  expect(step.kind).toBe(kind);
  const { category, title } = titles[command]!;
  expect(step.palette).toBe(`${category}: ${title}`);
  expect(step.button).toBe(title.replace(/\.\.\.$/, '…'));
});

/**
 * What the account item of the status bar says and where a click goes. Pure, tested without an
 * editor. It sits beside the connection item (statusText.ts), which keeps its own words.
 */
import { DEFAULT_ACCOUNT } from '../auth/keyRecords';

export const ACCOUNT_COMMANDS = {
  switchAccount: 'runpod.switchAccount',
  addAccount: 'runpod.addAccount',
} as const;

export interface AccountStatusInput {
  /** The active account. */
  active: string;
  /** Whether it holds a key (a workspace may name one not added yet). */
  exists: boolean;
  /** How many accounts hold a key. */
  count: number;
  /** Named by the workspace's runpod.account. */
  fromWorkspace: boolean;
}

export interface AccountStatusView {
  /** Hidden before there is any account to speak of: the connection item says "signed out". */
  visible: boolean;
  text: string;
  tooltip: string;
  command: string;
  arguments: unknown[];
  tone: 'normal' | 'warning';
}

export function describeAccountStatus(input: AccountStatusInput): AccountStatusView {
  const { active, exists, count, fromWorkspace } = input;
  const source = fromWorkspace ? " (named by this workspace's runpod.account setting)" : '';
  if (!exists) {
    return {
      visible: fromWorkspace || active !== DEFAULT_ACCOUNT || count > 0,
      text: `$(account) ${active} (not added)`,
      tooltip:
        `RunPod account ${active}${source} has no API key in this editor, so nothing is sent to RunPod. ` +
        'Click to add it.',
      command: ACCOUNT_COMMANDS.addAccount,
      arguments: [active],
      tone: 'warning',
    };
  }
  return {
    visible: true,
    text: `$(account) ${active}`,
    tooltip: `RunPod account ${active}${source}. ${count > 1 ? `${count} accounts: click to switch.` : 'Click to switch account or add another.'}`,
    command: ACCOUNT_COMMANDS.switchAccount,
    arguments: [],
    tone: 'normal',
  };
}

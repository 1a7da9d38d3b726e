/**
 * Files `runpod/renameSecret` left as they are because they are another account's (their
 * environment declares another account in `runpod.environments`: there the name is that
 * account's secret), read from the server's answer and said in one sentence for Rename Secret's
 * confirmation and summary. The answer crosses a process boundary: an entry whose account or
 * environment is no name by its rule is dropped, never shown.
 */
import { count } from '../../../server/src/template/counts';
import { MAX_INDEXED_FILES } from '../../../server/src/index/limits';
import type { RenameLeftOut } from '../../../server/src/protocol';
import { isAccountName, sameAccountName } from '../../../server/src/template/accountNames';
import { isEnvironmentName } from '../../../server/src/template/environments/words';

/**
 * The most entries read from one answer: as many files as the server indexes, so the sentence's
 * counts are exact for any answer a server of ours gives (one past it is bounded all the same).
 */
const MAX_LEFT_OUT = MAX_INDEXED_FILES;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `leftOut` of a `runpod/renameSecret` answer; none when absent or malformed. */
export function renameLeftOut(raw: unknown): RenameLeftOut[] {
  const list = isObject(raw) ? raw['leftOut'] : undefined;
  if (!Array.isArray(list)) return [];
  const out: RenameLeftOut[] = [];
  for (const item of list.slice(0, MAX_LEFT_OUT)) {
    if (!isObject(item) || typeof item['uri'] !== 'string' || typeof item['environment'] !== 'string' || !isEnvironmentName(item['environment'])) continue;
    const account = item['account'];
    if (account !== undefined && (typeof account !== 'string' || !isAccountName(account))) continue;
    out.push({ uri: item['uri'], environment: item['environment'], ...(account === undefined ? {} : { account }) });
  }
  return out;
}

function files(n: number): string {
  return count(n, 'file');
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "2 files of account prod were left as they are: ..." per account (ignoring case), or undefined when none were. */
export function leftOutSentence(leftOut: readonly RenameLeftOut[]): string | undefined {
  if (leftOut.length === 0) return undefined;
  const byAccount: { name: string; count: number }[] = [];
  const invalid = new Map<string, number>();
  for (const file of leftOut) {
    if (file.account === undefined) {
      invalid.set(file.environment, (invalid.get(file.environment) ?? 0) + 1);
      continue;
    }
    const known = byAccount.find((a) => sameAccountName(a.name, file.account!));
    if (known) known.count++;
    else byAccount.push({ name: file.account, count: 1 });
  }
  const parts = [
    ...byAccount.map((a) => `${files(a.count)} of account ${a.name}`),
    ...[...invalid].map(([environment, count]) => `${files(count)} of environment ${environment} (its account in runpod.environments is not an account name)`),
  ];
  return `${list(parts)} ${leftOut.length === 1 ? 'was left as it is' : 'were left as they are'}: there the name is another account's secret.`;
}

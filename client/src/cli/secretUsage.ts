/**
 * `secrets usage NAME [paths...]`: where a secret is referenced, in the files of the folders given
 * (the same walk and readers as `check`, by the core's where-used rule: references/findReferencesInFile) and, with RUNPOD_API_KEY, on
 * the account: templates, Pods and endpoints, one list call per type. Informational: exit 0, but
 * 2 when a key was given and the account could not be read (a script asking "safe to delete?"
 * must not get a confident 0); without any key the account is not asked, and the summary says so.
 */
import { count } from '../../../server/src/template/counts';
import { closestName } from '../../../server/src/template/index';
import { createSecretCli } from '../../../server/src/template/nextSteps';
import { environmentPath } from './check/discover';
import { unmatchedEnvironmentsNote } from './check/environments';
import { leftOutNote, noActiveAccountNote } from './check/accounts';
import { otherAccountOf, type EnvironmentDeclaration } from '../../../server/src/template/environments/index';
import { discoverNamed, skippedNote } from './check/namedPaths';
import { cutNote, readFound, SEARCH_LIMIT_TEXT, searchedPart } from './check/readFound';
import { apiConfig, createClient, type ApiConfig } from './client';
import { EXIT } from './errors';
import type { Io } from './io';
import { sanitize } from './table';
import { pathText } from '../../../server/src/template/displayText';
import { AccountScan, accountListers } from '../secrets/accountScan';
import { ACCOUNT_RESOURCE_KINDS, accountUsesOf, describeUse, describeUseKeys, kindPlural, type AccountUnchecked, type AccountUse } from '../secrets/accountUsages';
import { describeHit, findReferencesInFile, type ReferenceHit } from '../secrets/references';
import type { RunpodClient } from '../runpod/index';
import { API_KEY_ENV } from '../runpod/environmentVariables';

interface FileHits {
  file: string;
  hits: ReferenceHit[];
}

interface LeftOut {
  file: string;
  environment: string;
  account: string;
}

/**
 * Lists the uses of `name` in `paths` (default the current folder) and on the account.
 * @param options.declarations `--environment` and `--environment-account`: a file of an
 *   environment that runs under another account than the key's is left out of the count and said
 *   so, as the editor's counts leave it out (there the name is another account's secret)
 */
export async function secretUsage(
  io: Io,
  name: string,
  paths: readonly string[],
  options: { json: boolean; globs?: string[]; declarations?: readonly EnvironmentDeclaration[] },
): Promise<number> {
  const declarations = options.declarations ?? [];
  const config = apiConfig(io);
  // .env files too: the editor's index counts their references, and a use missed here is a secret deleted too soon.
  // Nothing named read: the empty result, the account not asked (the run ends at exit 2 before it would be).
  const nothingRead = (): string => usageJson({ name, files: [], leftOut: [], uses: [], unchecked: ACCOUNT_RESOURCE_KINDS.map((kind) => ({ kind, reason: 'not asked: no named path could be read' })), secretOnAccount: null });
  const { discovery, incomplete } = discoverNamed(io, paths, options.globs, { dotenv: true, declared: declarations }, options.json ? nothingRead : undefined);
  const unmatched = unmatchedEnvironmentsNote(declarations, discovery.files.map((f) => environmentPath(f.display, io.cwd)));
  if (unmatched) io.stderr(unmatched);
  const files: FileHits[] = [];
  const leftOut: LeftOut[] = [];
  const skipped = [...discovery.skipped];
  const cut: string[] = [];
  for (const file of discovery.files) {
    // Read as the editor's index reads it: the usages it lists are found in the same text.
    const read = readFound(file);
    if (!read.ok) {
      skipped.push({ display: file.display, reason: read.reason });
      continue;
    }
    // Up to where the analysis stops (the size or the entry count) and the index's count of uses
    // per file: a use past either is one the editor does not list either.
    const part = searchedPart(read, file.kind);
    const { hits, readInPart } = findReferencesInFile(part.text, name, file.kind);
    if (part.cut || readInPart) cut.push(file.display);
    if (hits.length === 0) continue;
    // The CLI declares only valid accounts (withEnvironmentAccounts): another's file names its account.
    const other = otherAccountOf(environmentPath(file.display, io.cwd), declarations, config.account);
    if (other) leftOut.push({ file: file.display, environment: other.environment, account: other.account! });
    else files.push({ file: file.display, hits });
  }
  if (skipped.length > 0) io.stderr(skippedNote(skipped));
  // A use past the cut is not listed: said, since a secret believed unused may be deleted.
  if (cut.length > 0) io.stderr(cutNote(cut, 'searched', SEARCH_LIMIT_TEXT));
  const notCounted = leftOutNote(leftOut) ?? noActiveAccountNote(declarations, config.account);
  if (notCounted) io.stderr(notCounted);

  const { uses, unchecked, keyless, secretNames } = await accountUses(config, name);
  // A path named and not read may hold a use: as an account not read, the count is not the whole.
  const exit = (unchecked.length > 0 && !keyless) || incomplete ? EXIT.failure : EXIT.ok;
  // A name the account does not have (a deleted secret, a typo): its references boot Pods with the placeholder text.
  const secretOnAccount = secretNames === undefined ? null : secretNames.includes(name);
  if (secretOnAccount === false) io.stderr(notASecretNote(name, secretNames!));
  if (options.json) {
    io.stdout(usageJson({ name, files, leftOut, uses, unchecked, secretOnAccount }));
    return exit;
  }
  const references = files.reduce((n, f) => n + f.hits.length, 0);
  io.stdout(`${sanitize(name)}: ${count(references, 'reference')} in ${count(files.length, 'file')}; ${accountSummary(uses, unchecked)}\n`);
  for (const f of files) {
    for (const hit of f.hits) {
      const about = describeHit(hit);
      io.stdout(`  ${pathText(f.file)}:${hit.line + 1}:${hit.column + 1}${about ? `  ${sanitize(about)}` : ''}\n`);
    }
  }
  for (const use of uses) io.stdout(`${useLine(use)}\n`);
  for (const u of unchecked) io.stderr(`${uncheckedLine(u)}\n`);
  return exit;
}

/** The --json document of `secrets usage`: the files' uses, the account's, and what was not checked. */
function usageJson(r: { name: string; files: readonly FileHits[]; leftOut: readonly LeftOut[]; uses: readonly AccountUse[]; unchecked: readonly AccountUnchecked[]; secretOnAccount: boolean | null }): string {
  const document = {
    name: r.name,
    files: r.files.flatMap((f) => f.hits.map((h) => ({ file: f.file, line: h.line + 1, column: h.column + 1, ...(h.key ? { key: h.key } : {}), ...(h.kind ? { kind: h.kind } : {}) }))),
    otherAccounts: r.leftOut,
    account: r.uses.map(useJson),
    accountChecked: r.unchecked.length === 0,
    unchecked: r.unchecked,
    secretOnAccount: r.secretOnAccount,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A use as --json prints it (usage and delete). */
export function useJson({ kind, id, name, status, keys, notSubstituted }: AccountUse): Record<string, unknown> {
  return { kind, id, name, ...(status ? { status } : {}), keys, notSubstituted };
}

/** `  template "trainer" (id): HF_TOKEN`: a use as one indented line, safe for a terminal. */
export function useLine(use: AccountUse): string {
  return `  ${sanitize(describeUse(use))} (${sanitize(use.id)}): ${sanitize(describeUseKeys(use))}`;
}

/** `note: account Pods not checked: <why>`: a resource type that could not be listed, one line, safe for a terminal (usage, delete and rotate). */
export function uncheckedLine(u: AccountUnchecked): string {
  return `note: account ${kindPlural(u.kind)} not checked: ${sanitize(u.reason)}`;
}

/** `3 on the account`, `2 on the account, Pods not checked`, `account not checked (templates, Pods, endpoints)`: never a 0 that was not counted. */
function accountSummary(uses: readonly AccountUse[], unchecked: readonly AccountUnchecked[]): string {
  const kinds = unchecked.map((u) => kindPlural(u.kind));
  if (kinds.length === 0) return `${uses.length} on the account`;
  if (kinds.length === ACCOUNT_RESOURCE_KINDS.length) return `account not checked (${kinds.join(', ')})`;
  return `${uses.length} on the account, ${kinds.join(' and ')} not checked`;
}

/**
 * `note: NAME is not a secret on the account: ...`, with the one "did you mean" rule (names.ts
 * closestName) and the command that creates it.
 */
function notASecretNote(name: string, secretNames: readonly string[]): string {
  const close = closestName(name, secretNames);
  const shown = sanitize(name);
  return `note: ${shown} is not a secret on the account: its references would reach Pods as placeholder text.${close ? ` Did you mean "${sanitize(close)}"? Or create it:` : ' Create it:'} \`${createSecretCli(shown)}\`.\n`;
}

/**
 * The account's uses (one list call per type), or why they were not checked; `keyless` when no key
 * was asked for at all; the account's secret names when they could be listed (one more list call).
 */
async function accountUses(config: ApiConfig, name: string): Promise<{ uses: AccountUse[]; unchecked: AccountUnchecked[]; keyless: boolean; secretNames?: string[] }> {
  if (!config.apiKey) {
    // An account or profile asked for and not found says so; otherwise no key source was set.
    const reason = config.keyRequested ? (config.keyProblem ?? 'no API key') : `no API key (${API_KEY_ENV}, --account or --profile)`;
    return { uses: [], unchecked: ACCOUNT_RESOURCE_KINDS.map((kind) => ({ kind, reason })), keyless: !config.keyRequested };
  }
  const client = createClient(config);
  try {
    // The secret list is asked beside the resources; if it fails, whether the name is the account's stays unknown (not said).
    const [scan, secretNames] = await Promise.all([listAccount(client), client.listSecrets().then((list) => list.map((s) => s.name), () => undefined)]);
    return { ...accountUsesOf(scan, name), keyless: false, ...(secretNames ? { secretNames } : {}) };
  } finally {
    await client.close();
  }
}

/**
 * One list call per resource type (the scan the editor caches; here it runs once).
 * @param failures receives each failed listing's error as thrown, for a caller that decides by its kind
 */
export function listAccount(client: RunpodClient, failures?: unknown[]): ReturnType<AccountScan['snapshot']> {
  return new AccountScan({
    connect: async () => ({ identity: client, listers: accountListers(client) }),
    now: () => Date.now(),
    describeError: (error) => {
      failures?.push(error);
      return error instanceof Error ? error.message : String(error);
    },
  }).snapshot();
}

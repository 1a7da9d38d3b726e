/**
 * What heads one template's comparison, on both surfaces that show it: the editor's Compare
 * Environments document (comparisonMarkdown.ts) and `runpod-check envs compare` (cli/envs.ts). The
 * one rule for its title and for how each environment's files (and the shared ones) are named; each
 * surface only escapes and lays it out, so the same tree gives the same heading in both. Pure.
 */
import type { EnvironmentComparison } from '../../../server/src/template/environments/index';
import { accountText } from '../launch/environmentChoice';

/** An environment's files, or the files every environment shares, as the heading names them. */
export interface HeadingEntry {
  /** The environment's name, or {@link SHARED_FILES} for the shared files. */
  name: string;
  files: readonly string[];
  /** The editor's words for a declared account (an invalid one said invalid, never shown: it may be a pasted key). */
  account?: string;
}

/** How the heading names the template's shared files (`train.runpod.env`: every environment gets its keys). */
export const SHARED_FILES = 'shared by all';

/** The heading of `c`: its title (the core's template label) and its entries, environments first in the comparison's order. */
export function comparisonHeading(c: Pick<EnvironmentComparison, 'template' | 'environments' | 'shared'>): { title: string; entries: HeadingEntry[] } {
  const entries: HeadingEntry[] = c.environments.map((e) => ({ name: e.name, files: e.files, ...(e.account || e.invalidAccount ? { account: accountText(e) } : {}) }));
  if (c.shared.length > 0) entries.push({ name: SHARED_FILES, files: c.shared });
  return { title: c.template, entries };
}

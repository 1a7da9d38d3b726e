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

type Headed = Pick<EnvironmentComparison, 'template' | 'environments' | 'shared'>;

/** A heading: the template's title and its entries. */
export interface Heading {
  title: string;
  entries: HeadingEntry[];
}

/** The heading of `c` alone: its title (the core's template label) and its entries, environments first in the comparison's order. */
export function comparisonHeading(c: Headed): Heading {
  const entries: HeadingEntry[] = c.environments.map((e) => ({ name: e.name, files: e.files, ...(e.account || e.invalidAccount ? { account: accountText(e) } : {}) }));
  if (c.shared.length > 0) entries.push({ name: SHARED_FILES, files: c.shared });
  return { title: c.template, entries };
}

/**
 * The headings of the comparisons shown together (one document, one run's text or JSON): each
 * {@link comparisonHeading}, a title two share told apart by its first file's folder (`app (./)`,
 * `app (deploy/dev/)`), else that file: the core's labels can meet (a root `app.dev.runpod.env`
 * and a declared `deploy/dev/app.env` are both `app`), and two entries of one title said nothing
 * of which was which (`envs compare --json` keyed two the same).
 */
export function comparisonHeadings(cs: readonly Headed[]): Heading[] {
  const headings = cs.map(comparisonHeading);
  // Counted once each, not by a scan per heading: a large tree has many templates.
  const titles = counts(headings.map((h) => h.title));
  const folders = counts(headings.map((h) => `${h.title}\0${folderOf(h)}`));
  return headings.map((h) => {
    if (titles.get(h.title) === 1) return h;
    const byFolder = folders.get(`${h.title}\0${folderOf(h)}`) === 1;
    return { ...h, title: `${h.title} (${byFolder ? folderOf(h) : firstFile(h)})` };
  });
}

/** How many times each key occurs. */
function counts(keys: readonly string[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const key of keys) n.set(key, (n.get(key) ?? 0) + 1);
  return n;
}

/** The first file's path as the surface shows it. */
function firstFile(h: Heading): string {
  return h.entries[0]?.files[0] ?? '';
}

/** The folder of the first file, with its slash (`deploy/dev/`), or `./`. */
function folderOf(h: Heading): string {
  const file = firstFile(h);
  return file.slice(0, file.lastIndexOf('/') + 1) || './';
}

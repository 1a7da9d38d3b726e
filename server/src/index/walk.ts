/**
 * Walking a workspace folder for the index: every file below it, except in folders that are never
 * walked (node_modules, .git: fileKinds.ts), that a `.gitignore` ignores (template/workspace/
 * gitignore.ts) or that are workspace folders of their own (nested in a multi-root window). Symbolic links are never followed, to a file or a folder (the index's one rule on links: links.ts): a link out of the folder
 * must not be read, and a link inside it leads to a file the walk finds under its own path anyway
 * (reading it twice would count its references twice, and rename would edit it twice). runpod-check's
 * walk follows none either (client/src/cli/check/discover.ts; a differential test holds the two alike).
 * Folder listings are synchronous (Node's asynchronous readdir took 190 ms over a tree of 4,500
 * folders that a synchronous walk lists in 30: readFile.ts) and the walk yields every few milliseconds through
 * `yieldNow`, so requests are answered while a large tree is walked.
 */
import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { NEVER_WALKED_FOLDERS } from '../template/fileKinds';
import { isIgnoredFolder, MAX_GITIGNORE_BYTES, parseGitignore, type IgnoreRules } from '../template/workspace/gitignore';
import { INDEX_LIMIT_REMEDY } from './limits';
import { readIndexedFile } from './readFile';
import { isBelow } from './uris';

/**
 * The most directory entries one walk looks at (a monorepo's generated trees): past it the walk
 * stops, and says so. The index's walk and the extension's (environments/workspaceWalk.ts) alike.
 */
export const MAX_WALKED_ENTRIES = 500_000;

/**
 * The deepest folder one walk lists, in folders below the workspace folder (`a/b` is 2): a folder
 * deeper is not listed, and the walk says so ({@link WalkResult.deep}). Each level adds its
 * `.gitignore` to the rules every path below it is judged by, so a chain costs its depth squared:
 * 600 folders of a 100-pattern `.gitignore` each took 8 s of walk, 64 of them 0.65 s. ripgrep (VS
 * Code's search runs it) has no depth bound unless asked (`--max-depth`) and guards only against
 * link loops when it follows links; this walk follows none, so depth is its only runaway. 64 levels
 * is far beyond a hand-made tree (generated trees such as node_modules are skipped anyway).
 */
export const MAX_WALKED_DEPTH = 64;

/**
 * The depth bound said of one folder, where the folder is named before it (runpod-check's "skipped
 * … not read" note, one entry per path, the bound's remedy said once after them: discover.ts).
 */
export const TOO_DEEP_ONE = `more than ${MAX_WALKED_DEPTH} levels deep`;

/**
 * The depth bound in the words every place says it (the server's warning, the index gap's
 * sentence, {@link tooDeepNotice}): `folders more than 64 levels deep`, and `(a/b/… is one)` when a
 * folder is known, so the user finds the generated tree to add to .gitignore (limits.ts INDEX_LIMIT_REMEDY).
 */
export function tooDeepText(folder?: string): string {
  return `folders ${TOO_DEEP_ONE}${folder === undefined ? '' : ` (${folder} is one)`}`;
}

/** What the depth bound leaves out, in the words of every place that says it (notices, the index gap's sentence). */
export const TOO_DEEP_UNREAD = 'no file below that depth is read';

/**
 * The depth bound as a notice says it, one phrase for every walk that met a deep folder (the
 * server's warning, the extension's listing, runpod-check's note): the depth and the folder
 * ({@link tooDeepText}), that none of the three reads below it (they share {@link isTooDeep}), what
 * the user misses in the place saying it (`consequence`), then the remedy: the consequence first,
 * so the long remedy does not bury it. The editor's remedy unless told (runpod-check has no folder
 * to open: its own, said once per run however many paths are deep).
 */
export function tooDeepNotice(folder?: string, consequence?: string, remedy: string = INDEX_LIMIT_REMEDY): string {
  const head = `${tooDeepText(folder)}: ${TOO_DEEP_UNREAD} (the language server's index, RunPod's file lists and runpod-check stop there).`;
  return `${head} ${consequence === undefined ? '' : `${consequence}. `}${remedy}.`;
}

/** The most folders whose applying rules {@link FolderRules} remembers at once (about 100 bytes each). */
const MAX_REMEMBERED_FOLDERS = 4096;

/** What the walk keeps of a folder's ignore files, to judge paths reported later by file watching. */
export class FolderRules {
  /** `.gitignore` rules by the folder holding them, relative to the root (`''` for the root). */
  private readonly rules = new Map<string, IgnoreRules>();
  /**
   * The text of each `.gitignore` read, by folder: how another thread's walk hands its rules over
   * ({@link sources}). Kept only by such a walk: up to 64 KiB per folder is not held for nothing.
   */
  private readonly texts: Map<string, string> | undefined;
  /** The rules that apply to the children of a folder (its ancestors' and its own), by folder: a deep tree is not re-read per level. */
  private readonly forChildren = new Map<string, readonly IgnoreRules[]>();

  readonly root: string;
  /** The other workspace folders below the root, relative to it: each is walked as its own folder. */
  private readonly inner: ReadonlySet<string>;

  /**
   * @param root the workspace folder's path (decoded, `/` separators)
   * @param folders the paths of the window's other workspace folders: a file belongs to the
   *   innermost folder holding it (as VS Code's getWorkspaceFolder answers, and the server reads its
   *   settings), so the ones below the root are skipped here and walked with their own settings
   * @param keepTexts keep each `.gitignore`'s text for {@link sources} (a walk in another thread)
   */
  constructor(root: string, folders: readonly string[] = [], keepTexts = false) {
    this.root = root.replace(/\/+$/, '');
    this.texts = keepTexts ? new Map() : undefined;
    this.inner = new Set(folders.map((f) => f.replace(/\/+$/, '')).filter((f) => f !== this.root && isBelow(f, this.root)).map((f) => f.slice(this.root.length + 1)));
  }

  /** Takes the `.gitignore` of `relativeFolder` (its text), or notes that the folder has none (undefined). */
  load(relativeFolder: string, text: string | undefined): void {
    const rules = text === undefined ? undefined : parseGitignore(text, relativeFolder);
    if (rules && rules.patterns.length > 0) {
      this.rules.set(relativeFolder, rules);
      this.texts?.set(relativeFolder, text!);
      this.forChildren.clear();
    } else if (this.rules.delete(relativeFolder)) {
      this.texts?.delete(relativeFolder);
      this.forChildren.clear();
    }
  }

  /** Every `.gitignore` that holds rules, as [folder, text]: {@link load} them into another FolderRules to get the same answers. */
  sources(): [string, string][] {
    if (!this.texts) throw new Error('FolderRules: sources() of rules that keep no texts');
    return [...this.texts];
  }

  /** The rules of `relativeFolder`'s ancestors that apply to it, outermost first. */
  private applying(relativeFolder: string): readonly IgnoreRules[] {
    const slash = relativeFolder.lastIndexOf('/');
    return this.applyingBelow(slash < 0 ? '' : relativeFolder.slice(0, slash));
  }

  /** The rules that apply to the children of `folder`: its own after its ancestors' (remembered per folder). */
  private applyingBelow(folder: string): readonly IgnoreRules[] {
    const known = this.forChildren.get(folder);
    if (known) return known;
    const above = folder === '' ? [] : this.applying(folder);
    const own = this.rules.get(folder);
    const list = own ? [...above, own] : above;
    // Bounded: the index keeps its rules for the session, and a chain needs only its own depth of entries.
    if (this.forChildren.size >= MAX_REMEMBERED_FOLDERS) this.forChildren.clear();
    this.forChildren.set(folder, list);
    return list;
  }

  /** Whether the walk skips the folder `relativeFolder` (its name, another workspace folder, or a `.gitignore` above it). */
  skipsFolder(relativeFolder: string): boolean {
    const name = relativeFolder.slice(relativeFolder.lastIndexOf('/') + 1);
    return NEVER_WALKED_FOLDERS.has(name) || this.inner.has(relativeFolder) || isIgnoredFolder(relativeFolder, this.applying(relativeFolder));
  }

  /** Whether `path` (below the root) lies in a folder the walk skips, at any level, or deeper than it lists ({@link MAX_WALKED_DEPTH}). */
  excludes(path: string): boolean {
    if (!isBelow(path, this.root) || path === this.root) return true;
    const relative = path.slice(this.root.length + 1);
    let depth = 0;
    for (let at = relative.indexOf('/'); at >= 0; at = relative.indexOf('/', at + 1)) {
      if (++depth > MAX_WALKED_DEPTH || this.skipsFolder(relative.slice(0, at))) return true;
    }
    return false;
  }
}

/**
 * Loads the `.gitignore` of the folder `relative` (at `absolute`) into `rules`, or notes that it has
 * none: read only when its listing shows a regular file of that name (never through a link), at
 * most 64 KiB. The one way a walk takes a folder's ignore rules (this walk, and runpod-check's).
 */
export function loadFolderIgnore(rules: FolderRules, relative: string, absolute: string, listing: readonly Dirent[]): void {
  if (listing.some((d) => d.name === '.gitignore' && d.isFile())) {
    const read = readIndexedFile(`${absolute}/.gitignore`, MAX_GITIGNORE_BYTES);
    rules.load(relative, read.ok ? read.text : undefined);
  } else {
    rules.load(relative, undefined);
  }
}

export interface WalkResult {
  /** Regular files found that `kindOf` gave a kind, in walk order. */
  files: string[];
  /** The walk stopped at `maxEntries`: some folders were not listed. */
  truncated: boolean;
  /**
   * Folders that could not be listed (permissions, an error of the file system), by path: what the
   * index lacks there is unknown (Indexer.gap `unreadable`). A folder gone meanwhile is not one.
   * Also a folder holding a wanted file or a folder whose name is not UTF-8 ({@link unnameable}): neither can be read.
   */
  unlisted: string[];
  /** The folders of `unlisted` noted for such a name: a name the server cannot decode, no permission problem (said so to the user). */
  undecodable: string[];
  /**
   * The first folder deeper than {@link MAX_WALKED_DEPTH} met, not listed (files below it may be
   * missing), or undefined when none was: the index walks again when it is deleted (Indexer.gap).
   */
  deep: string | undefined;
}

/**
 * Whether a folder's listing failed because the folder is no longer there: deleted, or replaced by
 * a file, since its parent was listed. Nothing is there to read; any other failure (permissions, an
 * error of the file system) leaves files unread. The index's walk, the CLI's and the extension's
 * (environments/workspaceWalk.ts) all decide it here: the extension's error is VS Code's
 * FileSystemError, whose code names the errno (`FileNotFound`, `FileNotADirectory`).
 */
export function isGoneMeanwhile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'FileNotFound' || code === 'FileNotADirectory';
}

/**
 * Whether `path` (a file or folder a listing named) has no such name on disk: its name's bytes are not
 * UTF-8, so the listing gave U+FFFD in their place, and no open by this name reaches it. Asked only
 * of a name holding U+FFFD (a lstat each; a UTF-8 name may hold the character itself).
 */
function unnameable(path: string): boolean {
  if (!path.includes('\uFFFD')) return false;
  try {
    lstatSync(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Whether the folder `relative` (non-empty, below the walk's root: `a` is 1 deep, `a/b` 2) is deeper
 * than a walk lists ({@link MAX_WALKED_DEPTH}). The one depth rule of every walk: the index's, the
 * CLI's (client/src/cli/check/discover.ts) and the extension's (environments/workspaceWalk.ts).
 */
export function isTooDeep(relative: string): boolean {
  let depth = 1;
  for (let at = relative.indexOf('/'); at >= 0; at = relative.indexOf('/', at + 1)) depth++;
  return depth > MAX_WALKED_DEPTH;
}

/** Notes the folder being listed as unread for a name not UTF-8 in it, once (it is the last noted when it was noted). */
function unreadHere(unlisted: string[], undecodable: string[], folder: string): void {
  if (unlisted.at(-1) === folder) return;
  unlisted.push(folder);
  undecodable.push(folder);
}

/**
 * Lists the regular files below `rules.root` that the walk does not skip and `kindOf` gives a kind,
 * reading each folder's `.gitignore` (at most 64 KiB) into `rules` on the way.
 * @param kindOf judges a file by its path, undefined for a file not wanted (the index: whether it may
 *   hold references). A question only: it is also asked of a file the walk cannot collect (a name
 *   not UTF-8, to say its folder is unread), so collecting is `collect`'s, never `kindOf`'s.
 * @param maxEntries the most directory entries looked at, all folders together
 * @param yieldNow awaited between folders: lets other work run when the time slice is used up
 * @param cancelled checked between folders: a newer walk of the same folder makes this one stop
 * @param collect told of each file put in `files`, with its kind, as soon as its folder is listed
 */
export async function walkFolder<K>(
  rules: FolderRules,
  kindOf: (path: string) => K | undefined,
  maxEntries: number,
  yieldNow: () => Promise<void>,
  cancelled: () => boolean = () => false,
  collect: (path: string, kind: K) => void = () => undefined,
): Promise<WalkResult> {
  const files: string[] = [];
  const unlisted: string[] = [];
  const undecodable: string[] = [];
  let deep: string | undefined;
  const pending: string[] = [''];
  let entries = 0;
  while (pending.length > 0) {
    await yieldNow();
    if (cancelled()) return { files, truncated: true, unlisted, undecodable, deep };
    const relative = pending.pop()!;
    const absolute = relative === '' ? rules.root || '/' : `${rules.root}/${relative}`;
    let listing: Dirent[];
    try {
      listing = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      // Gone meanwhile: nothing there. Else its files may hold references: recorded.
      if (!isGoneMeanwhile(error)) unlisted.push(absolute);
      continue;
    }
    loadFolderIgnore(rules, relative, absolute, listing);
    for (const dirent of listing) {
      if (++entries > maxEntries) return { files, truncated: true, unlisted, undecodable, deep };
      const child = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      const path = `${rules.root}/${child}`;
      if (dirent.isDirectory()) {
        // A folder named so cannot be listed (its listing would fail as if it were gone): its parent is said unread.
        if (rules.skipsFolder(child)) continue;
        if (unnameable(path)) unreadHere(unlisted, undecodable, absolute);
        else if (isTooDeep(child)) deep ??= path;
        else pending.push(child);
      } else if (dirent.isFile()) {
        // A name not UTF-8 is no file the index can open: its folder is said unread.
        const kind = kindOf(path);
        if (kind === undefined) continue;
        if (unnameable(path)) {
          unreadHere(unlisted, undecodable, absolute);
        } else {
          files.push(path);
          collect(path, kind);
        }
      }
      // Links, FIFOs, sockets, devices: never read.
    }
  }
  return { files, truncated: false, unlisted, undecodable, deep };
}

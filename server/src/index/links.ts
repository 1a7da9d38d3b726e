/**
 * The index's one rule on symbolic links: a path is indexed only if nothing between its workspace
 * folder and itself (each folder on the way, and the file) is a link. A file reached through a link
 * inside the folder is also found under its own path, and indexing it twice counts its references
 * twice and makes rename edit it twice (the second edit landing on shifted text). The folder itself
 * may be reached through a link (a user opens `~/proj`, a link): only the part inside it is checked.
 *
 * The walk keeps the rule by the types its listings give (walk.ts: a link is neither a folder nor a
 * file to it); a path named from outside (an open document, a file watching event) is checked here,
 * with one lstat per path component, remembered for one batch (a flush, an event batch), never a
 * realpath (but at a rename: its few open documents left out, indexedPathsOf; the file F2 is pressed in, pathsOfFile; and the files it edits when a folder is reached through a link, fileIdentity). A hard link or a bind mount is a second path to the same file that lstat cannot tell
 * from a first one (only comparing every file's device and inode could): not attempted, by the index
 * nor by a rename, which edits such a file under each of its paths, each judged by its own folder's
 * declarations (README says what that costs: an editor holding both paths in one buffer corrupts the name). A folder opened twice
 * (once through a link) is: a rename edits each real path once ({@link fileIdentity}).
 */
import { lstatSync, realpathSync } from 'node:fs';
import { isBelow } from './uris';

/** Answers {@link throughLink} for the paths of one batch, each component looked at once. */
export class LinkCheck {
  private readonly links = new Map<string, boolean>();

  /**
   * Whether `path` is reached through a symbolic link below `folder`: a component between them, or
   * `path` itself, is one. A component that cannot be looked at (gone, unreadable) counts as no
   * link: nothing is read through it (readFile.ts opens with O_NOFOLLOW, and a missing one fails).
   * @param folder the workspace folder's path (decoded, `/` separators, no trailing `/`)
   */
  throughLink(folder: string, path: string): boolean {
    if (path === folder || !isBelow(path, folder)) return false;
    for (let at = path.indexOf('/', folder.length + 1); at >= 0; at = path.indexOf('/', at + 1)) {
      if (this.isLink(path.slice(0, at))) return true;
    }
    return this.isLink(path);
  }

  private isLink(path: string): boolean {
    let link = this.links.get(path);
    if (link === undefined) {
      try {
        link = lstatSync(path).isSymbolicLink();
      } catch {
        link = false;
      }
      this.links.set(path, link);
    }
    return link;
  }
}

/**
 * The paths the index may hold the file `path` reaches through links under: its real path, written
 * below each workspace folder whose real path holds it, as that folder's own path (which may itself
 * be a link: `~/proj`). Undefined when `path` is reached through no link (its real path is itself);
 * empty when the file is outside every folder or cannot be resolved (dangling, a loop).
 *
 * A realpath per call (and per folder): only for the handful of open documents that the index left
 * out for a link (index/linkedTabs.ts: a rename, and an Add KEY whose target is not open as itself,
 * once per code-action request that reaches it), never per keystroke or per indexed file.
 * @param folders the workspace folders' paths (decoded, `/` separators, no trailing `/`)
 */
export function indexedPathsOf(path: string, folders: readonly string[]): string[] | undefined {
  const real = realPath(path);
  if (real === path) return undefined;
  return real === undefined ? [] : underFolders(real, folders);
}

/**
 * Every path the index may hold the file at `path` under, whether or not `path` is reached through a
 * link (its own among them when a folder holds it): a folder opened twice (once through a link) holds
 * it under both, and either may be another account's by its folder's declarations. A realpath for it
 * and per folder: at a rename's refusal only (lsp/indexFeatures.ts refuseOtherAccount).
 */
export function pathsOfFile(path: string, folders: readonly string[]): string[] {
  const real = realPath(path);
  return real === undefined ? [] : underFolders(real, folders);
}

/** The real path `real` written below each folder whose real path holds it, as that folder's own path. */
function underFolders(real: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    const realFolder = realPath(folder);
    if (realFolder !== undefined && isBelow(real, realFolder) && real !== realFolder) out.push(folder + real.slice(realFolder.length));
  }
  return out;
}

/** A path's real path in the index's form (`/` separators, a lower-case drive letter, as uris.ts fsPathOf), or undefined. */
function realPath(path: string): string | undefined {
  try {
    const real = realpathSync.native(path).replace(/\\/g, '/');
    return /^[A-Z]:/.test(real) ? real[0]!.toLowerCase() + real.slice(1) : real;
  } catch {
    return undefined;
  }
}

/**
 * What names the file at `path` on its disk, whatever links reach it: its real path (undefined when
 * it cannot be resolved). A rename edits each file once by it (lsp/rename.ts): a folder opened twice
 * (once through a link) puts one file in the index under two paths, and two edits of one file write
 * it twice, the second on shifted text. Not its inode: hard links stay apart, as the index keeps them
 * (the rule above), so they get that very edit twice: an editor holding both paths in one buffer
 * (Neovim, by inode) applies the second to text the first changed (`wandb-key` -> `wandb-token`
 * gives `wandb-tokenen`; README says it). A realpath per file a rename edits, beside the read of
 * each: never per indexed file.
 */
export function fileIdentity(path: string): string | undefined {
  return realPath(path);
}

/**
 * Whether the index may hold one file under two paths: some workspace folder is reached through a
 * link (its real path is not itself; one that cannot be resolved counts, to be safe). Otherwise the
 * walk, following no link inside a folder, and the flush, leaving out documents reached through one,
 * give every path the index holds its own file, and a rename need not ask each file it edits for its
 * {@link fileIdentity}: a realpath per workspace folder in place of one per edited file.
 */
export function anyFolderLinked(folders: readonly string[]): boolean {
  return folders.some((folder) => realPath(folder) !== folder);
}

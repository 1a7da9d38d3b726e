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
 * realpath. A hard link or a bind mount is a second path to the same file that lstat cannot tell
 * from a first one (only comparing every file's device and inode could): not attempted.
 */
import { lstatSync } from 'node:fs';
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

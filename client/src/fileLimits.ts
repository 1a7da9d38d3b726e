/**
 * Size limits on the files the extension and the command line read whole. Here, neither under the
 * editor nor under the CLI, because both apply them: the editor through workspaceText.ts, runpod-check
 * through cli/fileRead.ts. No `vscode` import.
 */

/**
 * The largest template, env file or Hub listing read whole to be sent to RunPod or shown (Launch
 * Pod, Deploy Endpoint, runpod-check's `--template-file` and `--vars-file`, the editor's reads through
 * workspaceText.ts). 2 MiB is far above any template or env file written by hand, and small enough
 * to hold whole in the extension host or the CLI; a larger file is refused, never cut, because a cut
 * file would launch a Pod without variables the user meant to give it.
 * Not the analysis limit (ANALYSIS_LIMIT): a checked file past that is still checked up to it, and
 * a search for a secret's uses (Find Usages' own search) reads as far as the index does.
 */
export const MAX_WORKSPACE_FILE_BYTES = 2 * 1024 * 1024;

/**
 * The longest the editor waits for one workspace file's read (workspaceText.ts), whatever its size
 * or file system. A file on a mount that never answers (a dead NFS server, a hung FUSE or remote
 * provider) would otherwise make Find Usages, Compare Environments or a wizard's env file wait
 * forever; past this it is skipped, named, with the reason (boundedRead.ts). Far beyond reading the
 * largest file searched (ANALYSIS_LIMIT) from a working disk or a slow remote connection.
 */
export const WORKSPACE_READ_WAIT_MS = 20_000;

/**
 * The environment the language server process starts with. The server reads files and talks to
 * the editor; it needs no key, no proxy and no Node options from the extension host, whose
 * environment can hold RUNPOD_API_KEY (the demo and CI hand the key over that way) and a
 * NODE_OPTIONS that would load code into the server (`--require`).
 */

/** What Node itself and child processes of the server need: the path, the home and temp folders, the locale. */
const KEPT = /^(PATH|PATHEXT|HOME|USERPROFILE|TMPDIR|TMP|TEMP|LANG|LANGUAGE|LC_[A-Z]+|TZ|SYSTEMROOT|WINDIR)$/i;

/**
 * Set by vscode-languageclient itself when it forks the server (so Electron's binary runs as
 * Node); left to it, neither kept nor removed here.
 */
const SET_BY_THE_CLIENT_LIBRARY = /^(ELECTRON_RUN_AS_NODE|ELECTRON_NO_ASAR)$/i;

/**
 * `ServerOptions.options.env` for a forked server. vscode-languageclient (node/main.js,
 * getEnvironment) always starts from a copy of the extension host's `process.env` and lays this
 * object over it, so leaving a variable out would keep it: every inherited variable that is not
 * kept is named here with the value `undefined`, which child_process leaves out of the new process.
 */
export function serverEnvironment(inherited: NodeJS.ProcessEnv): Record<string, string | undefined> {
  // fromEntries: a variable named __proto__ is named too, not taken as the object's prototype.
  return Object.fromEntries(
    Object.entries(inherited)
      .filter(([name]) => !SET_BY_THE_CLIENT_LIBRARY.test(name))
      .map(([name, value]) => [name, KEPT.test(name) ? value : undefined]),
  );
}

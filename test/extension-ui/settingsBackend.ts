/**
 * The user's `runpod.apiUrl` for flow tests, behind a stand-in for
 * `vscode.workspace.getConfiguration('runpod')`. No client imports: the `vscode` mock imports this.
 */

/**
 * The user settings (`runpod.apiUrl`), the workspace's `runpod.account` and `runpod.environments`;
 * `onChange` plays VS Code's onDidChangeConfiguration for the URL.
 */
export const settingsBackend: { apiUrl: string | undefined; workspaceAccount: unknown; environments: unknown; onChange: ((previous: string | undefined) => void) | undefined } = {
  apiUrl: undefined,
  workspaceAccount: undefined,
  environments: undefined,
  onChange: undefined,
};

/** `vscode.workspace.getConfiguration('runpod')` over the settings backend. */
export function configuration() {
  return {
    get: (key: string) => (key === 'environments' ? settingsBackend.environments : undefined),
    inspect: (key: string) =>
      key === 'apiUrl'
        ? { defaultValue: 'https://api.runpod.io/v2', globalValue: settingsBackend.apiUrl }
        : key === 'account'
          ? { workspaceValue: settingsBackend.workspaceAccount }
          : undefined,
    update: async (key: string, value: unknown) => {
      if (key !== 'apiUrl') return;
      const previous = settingsBackend.apiUrl;
      settingsBackend.apiUrl = value as string | undefined;
      settingsBackend.onChange?.(previous);
    },
  };
}


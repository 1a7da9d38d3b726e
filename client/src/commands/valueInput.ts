/**
 * Asking for a secret value: a masked input box, or "From file…" for multi-line values such as
 * keys and certificates. The value is never displayed, and is registered with the log's redactor
 * as soon as it is known.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { pressStepButton, showInputStep, type StepFrame } from '../ui/multiStepInput';
import { readLocalValueFile, type ValueFileRead } from '../secrets/valueFile';
import { readOrProblem } from '../workspaceText';
import { decodeValueFile, typedValue, validateSecretValue, valueFileProblem } from './secretInputRules';

export type ValueOutcome = { kind: 'value'; value: string; source: string } | { kind: 'back' } | { kind: 'cancel' };

export interface ValueStepOptions extends StepFrame {
  secretName: string;
  /** The secret exists and the value asked for replaces its current one (Rotate, Edit Value): the prompt says "New value". */
  replacing?: boolean;
  /**
   * The secret whose value this one takes over (Rename Secret): the prompt says why a value is asked
   * at all, since a rename that asks for a value reads as a mistake otherwise.
   */
  copyOf?: string;
  /** Where "From file…" opens its dialog: the file a cancelled run chose (ui/wizardMemory.ts). */
  fileAt?: vscode.Uri;
  /** Told each file "From file…" chose (its URI, never its text), for a wizard that keeps it when cancelled. */
  onFile?: (uri: vscode.Uri) => void;
}

const FROM_FILE = 'fromFile';

/**
 * The keyboard route to "From file…": Tab never reaches a quick input's title-bar button. The
 * keybinding (package.json, Ctrl+Alt+F / ⌥⌘F) runs this command only while a value box is open
 * (the context key), and the prompt names the key.
 */
export const VALUE_FROM_FILE_COMMAND = 'runpod.secrets.valueFromFile';
export const VALUE_BOX_CONTEXT = 'runpod.secretValueBoxOpen';
const FROM_FILE_KEY = 'Ctrl+Alt+F (⌥⌘F on macOS)';

/** Registers the (palette-hidden) command of the From file… keybinding. */
export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(VALUE_FROM_FILE_COMMAND, () => pressStepButton(FROM_FILE)));
}

/** Asks for the value of `secretName`; "From file…" reads a file instead of typing. */
export async function askSecretValue(services: Services, options: ValueStepOptions): Promise<ValueOutcome> {
  const { secretName, replacing, copyOf, fileAt, onFile, ...frame } = options;
  const what = copyOf
    ? `Value of ${secretName}: the value of ${copyOf} typed again (RunPod never returns a secret's value, so it cannot copy it), or a new one.`
    : `${replacing ? 'New value' : 'Value'} of ${secretName}.`;
  let note = '';
  for (;;) {
    const outcome = await showInputStep({
      ...frame,
      password: true,
      prompt: `${note}${what} It is sent to RunPod and can never be read back. For a multi-line value, press ${FROM_FILE_KEY} or the file button to read it from a file.`,
      placeholder: 'Secret value (hidden)',
      buttons: [{ id: FROM_FILE, icon: 'file', tooltip: `From file… (${FROM_FILE_KEY})`, contextKey: VALUE_BOX_CONTEXT }],
      validate: validateSecretValue,
    });
    if (outcome.kind === 'back' || outcome.kind === 'cancel') return outcome;
    if (outcome.kind === 'accept') {
      services.log.addSensitive(outcome.value);
      // The box validated it: the value is the one the text gives (a pasted BOM dropped, as a file's).
      const read = typedValue(outcome.value);
      if ('error' in read) continue;
      services.log.addSensitive(read.value);
      return { kind: 'value', value: read.value, source: 'typed' };
    }
    const fromFile = await readValueFile(services, fileAt, onFile);
    if (fromFile.kind === 'value') return fromFile;
    // Cancelled dialog or unusable file: back to the input box, saying why (a sentence: the prompt follows).
    note = fromFile.kind === 'error' ? `${fromFile.message} ` : '';
  }
}

/** Lets the user choose a file and reads it as a secret value; errors never include content. */
async function readValueFile(
  services: Services,
  fileAt?: vscode.Uri,
  onFile?: (uri: vscode.Uri) => void,
): Promise<{ kind: 'value'; value: string; source: string } | { kind: 'error'; message: string } | { kind: 'cancel' }> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: false,
    openLabel: 'Use as Secret Value',
    title: 'Secret value from file',
    ...(fileAt ? { defaultUri: fileAt } : {}),
  });
  const uri = picked?.[0];
  if (!uri) return { kind: 'cancel' };
  onFile?.(uri);
  const name = uri.path.split('/').pop() ?? uri.toString();
  try {
    // A `file:` URI goes through the command line's chain (secrets/valueFile.ts): the type and size
    // checked are those of the file it opened, and it reads at most the limit, so a file swapped for
    // a FIFO or a device, or grown, after any check neither hangs the extension host nor fills its memory.
    const read = await readChosenValueFile(uri);
    if ('error' in read) return { kind: 'error', message: `${name}: ${read.error}.` };
    services.log.addSensitive(read.value);
    return { kind: 'value', value: read.value, source: name };
  } catch (error) {
    const reason = error instanceof vscode.FileSystemError ? error.code : 'unreadable';
    return { kind: 'error', message: `Could not read ${name} (${reason}).` };
  }
}

/**
 * The value of the file chosen, read within the bound of every file read of the extension host
 * (boundedRead.ts): a file on a file system that does not answer is refused in the same words, and
 * the box comes back.
 */
export async function readChosenValueFile(uri: vscode.Uri): Promise<ValueFileRead> {
  return readOrProblem('secret value file', uri, () => (uri.scheme === 'file' ? readLocalValueFile(uri.fsPath) : readRemoteValueFile(uri)), (error) => ({ error }));
}

/**
 * The value of a file of another scheme (a remote window), which has only workspace.fs: stat first,
 * so a device or a huge file is refused without loading it (stat follows a link: a link to
 * /dev/zero has no File bit), in the refusal's words; then the bytes decoded as a local file's are.
 */
async function readRemoteValueFile(uri: vscode.Uri): Promise<ValueFileRead> {
  const stat = await vscode.workspace.fs.stat(uri);
  const problem = valueFileProblem({ regular: (stat.type & vscode.FileType.File) !== 0, folder: (stat.type & vscode.FileType.Directory) !== 0, size: stat.size });
  return problem ? { error: problem } : decodeValueFile(await vscode.workspace.fs.readFile(uri));
}

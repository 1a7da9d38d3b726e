/**
 * Why a flow does not take a file, in one wording for every flow and every refusal of it: the
 * flow's "Not launching" (the findings dialog's lead too), the file, and the reason, the same
 * wherever the same fact is refused (the reader's messages, templateFile.ts; the bounded reader's
 * problems, workspaceText.ts). A refusal for what is in the file says where, so the message can
 * open it there; one for a file that was not read says nothing of where: its fix is not in its
 * text, and opening a FIFO or a 5 GB file is what the bounded reader avoids. Pure.
 */
import type { Location } from './checks';
import { fieldOffset, type TemplateFileError } from './templateFile';
import { isRunpodApiError } from '../runpod/errors';

/** The flows that read files of the workspace before they send anything. */
export type FileFlow = 'launch' | 'push' | 'deploy' | 'update';

/** How each flow says it stops (a refusal of a file, or the findings of the checks). */
export const NOT_DOING: Record<FileFlow, string> = {
  launch: 'Not launching',
  push: 'Not pushing',
  deploy: 'Not deploying',
  update: 'Not updating',
};

export interface FileRefusal {
  kind: 'refused';
  /** The whole message, naming the file by its label (workspaceText.ts fileLabel). */
  message: string;
  /** Where in the file the fix is: absent when it is not in the file's text. */
  at?: Location;
}

/** A file the bounded reader refused (`problem`: readWorkspaceText's, e.g. `larger than 2 MiB`), thrown where a flow reads an env file. */
export class FileNotRead extends Error {
  constructor(
    readonly label: string,
    readonly problem: string,
  ) {
    super(`${label} is ${problem}; it was not read.`);
  }
}

/**
 * An env file refused for what it holds (`reason`: varsFromText's, by line), thrown where a flow
 * reads an env file (launchWizard.ts loadEnvFile): `sourceId` and `offset` (its first problem) say
 * where to open it.
 */
export class EnvFileRefused extends Error {
  constructor(
    readonly label: string,
    readonly sourceId: string,
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${label}: ${reason}`);
  }
}

/** A refusal made already (a flow's source file refused on a re-read), thrown to end the flow with it shown. */
export class FileRefused extends Error {
  constructor(readonly refusal: FileRefusal) {
    super(refusal.message);
  }
}

/** The refusal of a file a flow threw out while reading it (FileNotRead, EnvFileRefused, FileRefused), or undefined for any other error. */
export function thrownRefusal(error: unknown, flow: FileFlow): FileRefusal | undefined {
  if (error instanceof FileRefused) return error.refusal;
  if (error instanceof FileNotRead) return unreadRefusal(error.label, flow, error.problem);
  if (error instanceof EnvFileRefused) return contentRefusal(error, flow, error.reason, error.offset);
  return undefined;
}

/** A file refused for what it holds; `offset` is where the fix is (0: the file as a whole). */
export function contentRefusal(file: { label: string; sourceId: string }, flow: FileFlow, reason: string, offset = 0): FileRefusal {
  return { ...refusalOf(file.label, flow, reason), at: { sourceId: file.sourceId, offset } };
}

/** A file refused for a reason that is not in its text: nothing to open. */
function refusalOf(label: string, flow: FileFlow, reason: string): FileRefusal {
  return { kind: 'refused', message: `${NOT_DOING[flow]}: ${label}: ${reason}` };
}

/** A file the reader refused (`problem`: readWorkspaceText's, e.g. `larger than 2 MiB`): a template file or an env file alike. */
export function unreadRefusal(label: string, flow: FileFlow, problem: string): FileRefusal {
  return { kind: 'refused', message: `${NOT_DOING[flow]}: ${new FileNotRead(label, problem).message}` };
}

/** A file not of a kind the flow reads (`what` it is not, a phrase): its fix is not in its text, so nothing to open. */
export function kindRefusal(label: string, flow: FileFlow, what: string): FileRefusal {
  return { kind: 'refused', message: `${NOT_DOING[flow]}: ${label} is ${what}.` };
}

/** The reader's errors as one refusal, opened at the first. */
export function parseRefusal(file: { label: string; sourceId: string }, flow: FileFlow, errors: readonly TemplateFileError[]): FileRefusal {
  return contentRefusal(file, flow, errors.map((e) => e.message).join(' '), errors[0]?.offset ?? 0);
}

/**
 * The template the file names by `templateId` could not be read (baseTemplate.ts). When RunPod has
 * no such template, or it is of the wrong kind, the fix is the id in the file: opened there. Any
 * other failure (network, key) is not the file's: no place to open.
 */
export function baseTemplateRefusal(file: { label: string; sourceId: string; text: string }, flow: FileFlow, error: unknown): FileRefusal {
  const reason = error instanceof Error ? error.message : String(error);
  if (isRunpodApiError(error) && (error.kind === 'not-found' || error.kind === 'validation')) return contentRefusal(file, flow, reason, fieldOffset(file.text, 'templateId'));
  return refusalOf(file.label, flow, reason);
}

export function isRefusal(value: unknown): value is FileRefusal {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'refused';
}

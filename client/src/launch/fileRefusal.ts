/**
 * Why a flow does not take a file, in one wording for every flow: `train.runpod.json cannot launch
 * a Pod: <reason>`, with the same reason wherever the same fact is refused (the reader's messages,
 * templateFile.ts). A refusal for what is in the file says where, so the message can open it there;
 * one for a file that was not read says nothing of where: its fix is not in its text. Pure.
 */
import type { Location } from './checks';
import { fieldOffset, type TemplateFileError } from './templateFile';
import { isRunpodApiError } from '../runpod/errors';

/** The flows that take a template file (or a Hub listing) from the workspace. */
export type FileFlow = 'launch' | 'push' | 'deploy';

export interface FileRefusal {
  kind: 'refused';
  /** The whole message, naming the file by its label (workspaceText.ts fileLabel). */
  message: string;
  /** Where in the file the fix is: absent when the file was not read. */
  at?: Location;
}

const CANNOT: Record<FileFlow, string> = {
  launch: 'cannot launch a Pod',
  push: 'cannot be pushed',
  deploy: 'cannot deploy an endpoint',
};

/** A file refused for what it holds; `offset` is where the fix is (0: the file as a whole). */
export function contentRefusal(file: { label: string; sourceId: string }, flow: FileFlow, reason: string, offset = 0): FileRefusal {
  return { kind: 'refused', message: `${file.label} ${CANNOT[flow]}: ${reason}`, at: { sourceId: file.sourceId, offset } };
}

/** A file the reader refused (`problem`: readWorkspaceText's, e.g. `larger than 2 MiB`). */
export function unreadRefusal(label: string, flow: FileFlow, problem: string): FileRefusal {
  return { kind: 'refused', message: `${label} ${CANNOT[flow]}: it is ${problem}; it was not read.` };
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
  return { kind: 'refused', message: `${file.label} ${CANNOT[flow]}: ${reason}` };
}

export function isRefusal(value: unknown): value is FileRefusal {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'refused';
}

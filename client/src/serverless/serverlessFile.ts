/**
 * Whether a workspace file is a serverless template, read by the extension's one bounded reader
 * (an open editor's unsaved text wins): Deploy Endpoint lists such files, Launch Pod leaves them
 * out. The test itself is templateFile.ts isServerlessTemplate.
 */
import type * as vscode from 'vscode';
import { readWorkspaceText } from '../workspaceText';
import { isServerlessTemplateText } from './endpointSource';

/** False for a file not read (too large, not a regular file): its pick says why it cannot be used. */
export async function isServerlessTemplateFile(uri: vscode.Uri): Promise<boolean> {
  const read = await readWorkspaceText(uri);
  return read.ok && isServerlessTemplateText(read.text);
}

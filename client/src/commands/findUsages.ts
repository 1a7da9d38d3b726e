/**
 * Where a secret is referenced: RunPod files in the workspace (the `runpod.files` setting, as the
 * language server reads it), dotenv files, open editors, and the account's templates. The matching itself is the pure finder in secrets/references.ts.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { findReferencesInTemplates, findReferencesInText, type FileUsage, type SecretUsages } from '../secrets/references';
import { errorCause, type ErrorLike } from '../views/errorText';
import { analyzeReferences } from '../../../server/src/template/analyze';
import { documentKindFor, referenceFilesInclude } from '../../../server/src/template/fileKinds';
import { runpodFileGlobs } from '../runpodFiles';

const EXCLUDE = '{**/node_modules/**,**/.git/**}';
const MAX_FILES = 2000;
/** Larger files are not env files; reading them would only slow the search (Deploy Endpoint's file search too). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const LANGUAGES = new Set(['runpod-env', 'dotenv']);

/** Searches files and templates in parallel; never throws (a failing half is reported in the result). */
export async function findSecretUsages(services: Services, name: string): Promise<SecretUsages> {
  const [files, templates] = await Promise.all([findInFiles(name), findInTemplates(services, name)]);
  const usages: SecretUsages = { files: files.files, templates: templates.templates };
  if (files.truncated) usages.filesTruncated = true;
  if (templates.error) usages.templatesError = templates.error;
  return usages;
}

async function findInFiles(name: string): Promise<{ files: FileUsage[]; truncated: boolean }> {
  // RunPod files by the runpod.files setting (fileKinds.ts decides), plus dotenv files, whose references count too.
  let uris: vscode.Uri[] = [];
  try {
    uris = await vscode.workspace.findFiles(referenceFilesInclude(runpodFileGlobs()), EXCLUDE, MAX_FILES);
  } catch {
    uris = [];
  }
  // Open editors first: their unsaved text is what the user sees.
  const open = new Map<string, vscode.TextDocument>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme === 'runpod-secret') continue;
    open.set(doc.uri.toString(), doc);
  }
  const candidates = new Map<string, vscode.Uri>();
  for (const uri of uris) candidates.set(uri.toString(), uri);
  for (const doc of open.values()) {
    if (LANGUAGES.has(doc.languageId)) candidates.set(doc.uri.toString(), doc.uri);
  }

  const files: FileUsage[] = [];
  const decoder = new TextDecoder('utf-8');
  for (const [key, uri] of candidates) {
    let text: string | undefined = open.get(key)?.getText();
    if (text === undefined) {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_FILE_BYTES) continue;
        text = decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue; // deleted or unreadable meanwhile: nothing to report
      }
    }
    let hits = findReferencesInText(text, name);
    // In JSON and TOML files the key is not at the start of the value's line: ask the core's reader.
    const kind = hits.length > 0 ? documentKindFor(open.get(key)?.languageId ?? '', key, runpodFileGlobs(uri)) : undefined;
    if (kind && kind !== 'runpod-env' && kind !== 'dotenv') hits = findReferencesInText(text, name, analyzeReferences(text, kind).variables);
    if (hits.length > 0) files.push({ path: vscode.workspace.asRelativePath(uri), uri: key, hits });
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, truncated: uris.length >= MAX_FILES };
}

async function findInTemplates(services: Services, name: string): Promise<{ templates: SecretUsages['templates']; error?: string }> {
  const api = await services.getApi();
  if (!api) return { templates: [], error: 'no API key is set, or the workspace is not trusted.' };
  try {
    return { templates: findReferencesInTemplates(await api.listTemplates(), name) };
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : errorCause(error as ErrorLike);
    services.log.warn(`Listing templates to find references to ${name} failed: ${reason}`);
    return { templates: [], error: reason };
  }
}

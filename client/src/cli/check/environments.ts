/**
 * Environments on the command line: `--environment NAME=GLOB` (the `runpod.environments` setting's
 * counterpart), reading the walked files once for both `check` and `envs compare`, and the
 * environment rules run on each template's files together. The grouping and the rules are the
 * core's (server/src/template/environments).
 */
import { analyze, type Analysis, type SecretCatalog } from '../../../../server/src/template/index';
import {
  declarationsFromArguments,
  groupEnvironments,
  type EnvironmentDeclaration,
  type EnvironmentSource,
} from '../../../../server/src/template/environments/index';
import { describeRefusal, readRegularFile } from '../fileRead';
import { UsageError } from '../errors';
import type { FoundFile, SkippedPath } from './discover';

/**
 * The declarations of repeated `--environment NAME=GLOB` flags.
 * @throws UsageError naming the flag's position (never its text)
 */
export function environmentOptions(specs: readonly string[], command: string): EnvironmentDeclaration[] {
  const parsed = declarationsFromArguments(specs);
  if ('wrong' in parsed) {
    throw new UsageError(`--environment number ${parsed.wrong} must be NAME=GLOB (a name of letters, digits, "_" or "-"), e.g. prod=deploy/prod/*.env`, command);
  }
  return parsed.declarations;
}

export interface AnalyzedFile extends EnvironmentSource {
  found: FoundFile;
  analysis: Analysis;
}

/**
 * Reads and analyzes each discovered file in turn (regular files up to `maxBytes`, without
 * following a link swapped in since the walk) and hands it to `visit`, which keeps only what it
 * needs: a walk of a large repository never holds every file's text at once.
 * @param skipped receives the files not read, and why
 * @returns how many files were read
 */
export function forEachAnalyzed(
  files: readonly FoundFile[],
  catalog: SecretCatalog,
  maxBytes: number,
  skipped: SkippedPath[],
  visit: (file: AnalyzedFile) => void,
): number {
  let read = 0;
  for (const found of files) {
    const result = readRegularFile(found.absolute, maxBytes, { noFollow: true });
    if (!result.ok) {
      skipped.push({ display: found.display, reason: describeRefusal(result, maxBytes) });
      continue;
    }
    read++;
    visit({ found, path: found.display, text: result.text, analysis: analyze(result.text, found.kind, catalog) });
  }
  return read;
}

/**
 * The walked files that are members of a template with several environments (found from the paths
 * alone, before any file is read): only these wait for their siblings.
 */
export function filesWithSiblings(files: readonly FoundFile[], declarations: readonly EnvironmentDeclaration[]): Set<string> {
  const groups = groupEnvironments(
    files.map((f) => f.display),
    declarations,
  );
  return new Set(groups.flatMap((g) => [...g.shared, ...g.environments.flatMap((e) => e.files)]));
}

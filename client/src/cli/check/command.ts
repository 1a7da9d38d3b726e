/**
 * `check [paths...]`: the thin I/O around the pure pieces: discover files, pick the secret
 * catalog (API, --secrets-file, or none), analyze each file with the core, print, exit code.
 */
import * as fs from 'node:fs';
import { analyze, type SecretCatalog } from '../../../../server/src/template/index';
import { flag, parseCommandArgs, str, strs } from '../args';
import { apiConfigFromEnv, createClient } from '../client';
import { CliError, UsageError } from '../errors';
import type { Io } from '../io';
import { discoverFiles } from './discover';
import { checkExitCode, countBySeverity, parseSeverityOverrides, toFindings, type Finding } from './findings';
import { formatJson, formatSarif, formatText, type CheckFormat } from './format';
import { parseSecretsFile } from './secretsFile';
import { toSecretMetadata } from '../../secrets/metadata';
import { VERSION } from '../version';

/** Files larger than this are skipped with a note: no hand-written template is that big. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export async function checkCommand(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      format: { type: 'string', short: 'f' },
      strict: { type: 'boolean' },
      'secrets-file': { type: 'string' },
      severity: { type: 'string', multiple: true },
      files: { type: 'string', multiple: true },
    },
    'check',
  );
  const format = (str(parsed, 'format') ?? 'text') as CheckFormat;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError('--format must be text, json or sarif', 'check');
  const overrides = parseSeverityOverrides(strs(parsed, 'severity'));
  const strict = flag(parsed, 'strict');

  let files;
  try {
    // --files replaces the default globs, as the runpod.files setting does in the editor.
    const globs = strs(parsed, 'files');
    files = discoverFiles(parsed.positionals, io.cwd, globs.length > 0 ? globs : undefined);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const catalog = await loadCatalog(io, str(parsed, 'secrets-file'));

  const findings: Finding[] = [];
  for (const file of files) {
    let text: string;
    try {
      const size = fs.statSync(file.absolute).size;
      if (size > MAX_FILE_BYTES) {
        io.stderr(`note: ${file.display}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB\n`);
        continue;
      }
      text = fs.readFileSync(file.absolute, 'utf8');
    } catch (err) {
      throw new CliError(`${file.display}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const analysis = analyze(text, file.kind, catalog);
    findings.push(...toFindings(file.display, text, analysis.problems, overrides, catalog));
  }

  if (format === 'json') io.stdout(formatJson(findings));
  else if (format === 'sarif') io.stdout(formatSarif(findings, { version: VERSION, srcRoot: io.cwd }));
  else io.stdout(formatText(findings));

  const counts = countBySeverity(findings);
  io.stderr(
    `${files.length} file${files.length === 1 ? '' : 's'} checked: ${counts.error} error${counts.error === 1 ? '' : 's'}, ` +
      `${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} other\n`,
  );
  return checkExitCode(findings, strict);
}

/**
 * The secret names to check against. The API when `RUNPOD_API_KEY` is set (a failing API is an
 * error, not a silent skip: CI must not pass because the list could not be fetched), else the
 * secrets file, else none, with unknown-secret checks skipped and said so.
 */
async function loadCatalog(io: Io, secretsFile: string | undefined): Promise<SecretCatalog> {
  const config = apiConfigFromEnv(io.env);
  if (config.apiKey) {
    if (secretsFile) io.stderr('note: RUNPOD_API_KEY is set, so secret names come from the API; --secrets-file is ignored\n');
    const client = createClient(config);
    try {
      const secrets = await client.listSecrets();
      return { state: 'fresh', secrets: secrets.map(toSecretMetadata), fetchedAt: new Date().toISOString() };
    } finally {
      await client.close();
    }
  }
  if (secretsFile) {
    let text: string;
    try {
      text = fs.readFileSync(secretsFile, 'utf8');
    } catch (err) {
      throw new CliError(`--secrets-file ${secretsFile}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const { names, invalidLines } = parseSecretsFile(text);
    if (invalidLines.length > 0) io.stderr(`note: ${secretsFile}: ignored line${invalidLines.length === 1 ? '' : 's'} ${invalidLines.join(', ')} (not a valid secret name)\n`);
    return { state: 'fresh', secrets: names.map((name) => ({ name })) };
  }
  io.stderr('note: no secret list (set RUNPOD_API_KEY or pass --secrets-file): unknown-secret checks skipped\n');
  return { state: 'unknown', secrets: [] };
}

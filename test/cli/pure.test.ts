/** The command line's pure pieces: file kinds, positions, severity flags, secrets file, tables, failures. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../../client/src/runpod/timeout';
import { DEFAULT_BASE_URL } from '../../client/src/runpod/baseUrl';
import { LOG_BACKFILL, MAX_LOG_TAIL } from '../../client/src/runpod/logStream';
import { LOG_OPTIONS, logOptions } from '../../client/src/cli/logs';
import { parseCommandArgs } from '../../client/src/cli/args';
import { kindForDiscovered, kindForExplicit } from '../../client/src/cli/check/discover';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkExitCode, parseSeverityOverrides, toFindings, type Finding } from '../../client/src/cli/check/findings';
import { spanToRange } from '../../server/src/lsp/positions';
import { formatText } from '../../client/src/cli/check/format';
import { leftOutNote } from '../../client/src/cli/check/accounts';
import { parseSecretsFile } from '../../client/src/cli/check/secretsFile';
import { readApiConfig } from '../../client/src/cli/client';
import { UsageError } from '../../client/src/cli/errors';
import { templateFileKind } from '../../client/src/cli/templateFileKind';
import { helpFor } from '../../client/src/cli/help';
import { endpointFromTemplateFile } from '../../client/src/serverless/endpointSource';
import { parseTemplateFile } from '../../client/src/launch/templateFile';
import { accountUse } from '../../client/src/cli/commands';
import { CHOOSES_ACCOUNT, CHOOSES_KEY } from '../../client/src/cli/keySource';
import { ANALYSIS_LIMIT } from '../../server/src/template/analyze';
import { describeFailure } from '../../client/src/cli/run';
import { formatTable, sanitize } from '../../client/src/cli/table';
import { normalizeValue } from '../../client/src/cli/value';
import { RunpodApiError } from '../../client/src/runpod/index';
import { DEFAULT_SEVERITY, type Problem } from '../../server/src/template/index';
import { SEVERITY_LEVELS } from '../../server/src/template/severity';
import { DEFAULT_ROTATION_DAYS } from '../../server/src/template/valueAge';

describe('file kinds', () => {
  it('maps every default pattern to its kind, anything else found while walking is ignored', () => {
    expect(kindForDiscovered('a/b/train.runpod.env')).toBe('runpod-env');
    expect(kindForDiscovered('runpod.env')).toBe('runpod-env');
    expect(kindForDiscovered('/x/.runpod/prod.env')).toBe('runpod-env');
    expect(kindForDiscovered('pod.runpod.json')).toBe('runpod-json');
    expect(kindForDiscovered('repo/.runpod/hub.json')).toBe('hub-json');
    expect(kindForDiscovered('.runpod/tests.json')).toBe('tests-json');
    expect(kindForDiscovered('svc\\runpod.toml')).toBe('runpod-toml');
    for (const other of ['.env', 'app.env', 'hub.json', 'x/.runpod/sub/a.env', 'package.json', 'runpod.env.bak']) expect(kindForDiscovered(other)).toBeUndefined();
  });

  it('checks an explicit file whatever its name: .env files as dotenv, json/toml by extension', () => {
    expect(kindForExplicit('.env')).toBe('dotenv');
    expect(kindForExplicit('config/.env.production')).toBe('dotenv');
    expect(kindForExplicit('local.env')).toBe('dotenv');
    expect(kindForExplicit('x.runpod.env')).toBe('runpod-env');
    expect(kindForExplicit('pod.json')).toBe('runpod-json');
    expect(kindForExplicit('pyproject.toml')).toBe('runpod-toml');
    expect(kindForExplicit('vars.txt')).toBe('runpod-env');
    // Named while --files takes other files: a Hub listing and a tests file are still known by their place.
    expect(kindForExplicit('proj/.runpod/hub.json', ['**/*.runpod.json'])).toBe('hub-json');
    expect(kindForExplicit('proj/.runpod/tests.json', ['**/*.runpod.json'])).toBe('tests-json');
  });

  it('--template-file: the kind it is read as, decided once and passed to the reader, the checks and the messages', () => {
    expect(templateFileKind('proj/.runpod/hub.json', 'endpoints deploy')).toBe('hub-json');
    expect(templateFileKind('proj\\.runpod\\hub.json', 'endpoints deploy')).toBe('hub-json');
    for (const command of ['pods launch', 'endpoints deploy'] as const) {
      expect(templateFileKind('train.runpod.json', command)).toBe('runpod-json');
      expect(templateFileKind('pod.json', command)).toBe('runpod-json'); // no RunPod kind by its name: read as a template
      expect(() => templateFileKind('train.prod.runpod.env', command)).toThrow(UsageError);
    }
    expect(() => templateFileKind('proj/.runpod/hub.json', 'pods launch')).toThrow(/is a Hub listing/);
  });
});

describe('positions and findings', () => {
  it('1-based lines over \\n, \\r\\n and \\r; columns in UTF-16 code units (the server\'s rule)', () => {
    const text = 'a\r\nb\rc\n😀x';
    const at = (offset: number) => {
      const [f] = toFindings('f', text, [{ code: 'invalid-key', severity: 'error', span: { start: offset, end: offset }, message: 'm' }], {}, { state: 'fresh', secrets: [] });
      return { line: f!.line, column: f!.column };
    };
    expect(at(0)).toEqual({ line: 1, column: 1 });
    expect(at(3)).toEqual({ line: 2, column: 1 });
    expect(at(5)).toEqual({ line: 3, column: 1 });
    expect(at(text.indexOf('x'))).toEqual({ line: 4, column: 3 });
    expect(at(text.length + 5)).toEqual({ line: 4, column: 4 }); // clamped to the end
  });

  it('names the same place as the language server for every offset', () => {
    const text = 'A=1\r\n# 😀 café\rB="x\ny"\n\nC=é';
    const doc = TextDocument.create('file:///f', 'plaintext', 1, text);
    for (let offset = 0; offset <= text.length; offset++) {
      const [f] = toFindings('f', text, [{ code: 'invalid-key', severity: 'error', span: { start: offset, end: offset }, message: 'm' }], {}, { state: 'fresh', secrets: [] });
      const range = spanToRange(doc, { start: offset, end: offset });
      expect({ line: f!.line - 1, character: f!.column - 1 }).toEqual(range.start);
    }
  });

  const problem = (code: Problem['code'], severity: Problem['severity'], start: number, end: number): Problem => ({ code, severity, span: { start, end }, message: 'line one\nline two' });

  it('applies overrides, hides off codes and unknown-secret without a secret list, keeps messages on one line', () => {
    const text = 'A={{ RUNPOD_SECRET_x }}\n';
    const problems = [problem('unknown-secret', 'warning', 19, 20), problem('embedded-reference', 'hint', 2, 23), problem('duplicate-key', 'warning', 0, 1)];
    const fresh = { state: 'fresh' as const, secrets: [] };
    const found = toFindings('f.runpod.env', text, problems, { 'embedded-reference': 'off', 'duplicate-key': 'error' }, fresh);
    expect(found.map((f) => [f.code, f.severity, f.line, f.column, f.endColumn])).toEqual([
      ['unknown-secret', 'warning', 1, 20, 21],
      ['duplicate-key', 'error', 1, 1, 2],
    ]);
    expect(found[0]!.message).toBe('line one line two');
    expect(toFindings('f', text, problems, {}, { state: 'unknown', secrets: [] }).map((f) => f.code)).toEqual(['embedded-reference', 'duplicate-key']);
    expect(formatText(found)).toBe('f.runpod.env:1:20: warning unknown-secret line one line two\nf.runpod.env:1:1: error duplicate-key line one line two\n');
  });

  it('exit code: errors fail, warnings only with strict, information never', () => {
    const f = (severity: Finding['severity']): Finding => ({ file: 'f', line: 1, column: 1, endLine: 1, endColumn: 1, severity, code: 'invalid-key', message: 'm' });
    expect(checkExitCode([f('warning'), f('information')], false)).toBe(0);
    expect(checkExitCode([f('warning')], true)).toBe(1);
    expect(checkExitCode([f('information'), f('hint')], true)).toBe(0);
    expect(checkExitCode([f('error')], false)).toBe(1);
  });

  it('parses --severity code=level, later flags win, rejects unknown codes and levels', () => {
    expect(parseSeverityOverrides(['unknown-secret=error', 'embedded-reference=off', 'unknown-secret=hint'])).toEqual({ 'unknown-secret': 'hint', 'embedded-reference': 'off' });
    expect(() => parseSeverityOverrides(['nope=off'])).toThrow(UsageError);
    expect(() => parseSeverityOverrides(['unknown-secret=fatal'])).toThrow(/unknown severity/);
    expect(() => parseSeverityOverrides(['unknown-secret'])).toThrow(/code=level/);
  });
});

describe("the note on other accounts' files a usage count left out", () => {
  it('groups the files by account ignoring case, under the name first written', () => {
    expect(leftOutNote([{ file: 'a.env', account: 'Team' }, { file: 'b.env', account: 'personal' }, { file: 'c.env', account: 'team' }])).toBe(
      "note: not counted: 2 files of account Team (a.env, c.env); 1 file of account personal (b.env): there the name is another account's secret\n",
    );
    expect(leftOutNote([])).toBeUndefined();
  });
});

describe('secrets file', () => {
  it('one name per line, # comments and blank lines skipped, invalid lines reported by number only', () => {
    // `1bad` could be a secret made before RunPod's name rule: a list of existing names takes it, as the API's list does.
    expect(parseSecretsFile('\uFEFF# names\nhf-token\r\n\n  db_password  # prod\nHF_TOKEN=hf_abc123\n1bad\nx y\n')).toEqual({ names: ['hf-token', 'db_password', '1bad'], invalidLines: [5, 7] });
  });
});

describe('values, tables, config, failures', () => {
  it('drops the one line break echo adds to a single line, keeps a multi-line value whole, refuses empty values without quoting them', () => {
    expect(normalizeValue('abc\n', 'stdin')).toBe('abc');
    expect(normalizeValue('abc\r\n', 'stdin')).toBe('abc');
    expect(normalizeValue('abc\n\n', 'stdin')).toBe('abc\n\n');
    expect(normalizeValue('-----BEGIN KEY-----\nabc\n-----END KEY-----\n', 'stdin')).toBe('-----BEGIN KEY-----\nabc\n-----END KEY-----\n');
    expect(() => normalizeValue('\n', 'stdin')).toThrow(/empty/);
  });

  it('tables neutralise control characters from the server (visible escapes, one line)', () => {
    expect(sanitize('a\u001b[31mred\nb')).toBe('a\\u001b[31mred b');
    expect(formatTable(['NAME', 'DESC'], [['x', 'evil\u001b]0;title\u0007']])).toBe('NAME  DESC\nx     evil\\u001b]0;title\\u0007\n');
    expect(formatTable(['A'], [], '(none)')).toBe('(none)\n');
    // A list of hundreds of thousands of rows (a broken server's answer within the size cap) is
    // laid out, not a stack overflow from spreading every width into one call.
    const rows = Array.from({ length: 300_000 }, (_, i) => [`n${i}`, '']);
    expect(formatTable(['NAME', 'DESC'], rows).split('\n')[300_000]).toBe('n299999');
  });

  it('reads the API settings from the environment; a bad timeout is a usage error', () => {
    expect(readApiConfig({ RUNPOD_API_KEY: '  k  ', RUNPOD_TIMEOUT_MS: '2500' })).toEqual({ apiKey: 'k', baseUrl: undefined, timeoutMs: 2500, keySource: 'RUNPOD_API_KEY' });
    // HOME without a ~/.runpod/config.toml: the runner's own must not count.
    expect(readApiConfig({ RUNPOD_API_KEY: '', HOME: '/nonexistent-home-for-test' }).apiKey).toBeUndefined();
    expect(() => readApiConfig({ RUNPOD_TIMEOUT_MS: '-1' })).toThrow(UsageError);
  });

  it('RUNPOD_TIMEOUT_MS takes the bounds of the editor setting (runpod/timeout.ts), no shorter and no longer', () => {
    for (const text of ['1', '999', String(MAX_TIMEOUT_MS + 1), '999999999']) {
      expect(() => readApiConfig({ RUNPOD_TIMEOUT_MS: text }), text).toThrow(`RUNPOD_TIMEOUT_MS must be a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}`);
    }
    expect(readApiConfig({ RUNPOD_TIMEOUT_MS: String(MIN_TIMEOUT_MS) }).timeoutMs).toBe(MIN_TIMEOUT_MS);
    expect(readApiConfig({ RUNPOD_TIMEOUT_MS: String(MAX_TIMEOUT_MS) }).timeoutMs).toBe(MAX_TIMEOUT_MS);
  });

  it('every failure becomes one line and exit 2; API errors keep their message, others lose their stack', () => {
    expect(describeFailure(new RunpodApiError('unauthorized', 'RunPod rejected the API key (401).\nmore'))).toEqual({
      message: 'RunPod rejected the API key (401). Set RUNPOD_API_KEY to a valid key.',
      code: 2,
    });
    expect(describeFailure(new UsageError('missing NAME', 'secrets get'))).toEqual({ message: "missing NAME (run 'runpod-check secrets get --help' for usage)", code: 2 });
    const odd = describeFailure(new TypeError('boom\n    at x (y.js:1:2)'));
    expect(odd).toEqual({ message: 'unexpected error: boom', code: 2 });
  });

  it('a rejected or unusable key is fixed where it came from: the remedy names the key\'s source, RUNPOD_API_KEY only when it was that', () => {
    const rejected = new RunpodApiError('unauthorized', 'RunPod rejected the API key (401).');
    const unusable = new RunpodApiError('invalid-config', 'The RunPod API URL is not a valid URL.');
    expect(describeFailure(rejected, 'RUNPOD_API_KEY').message).toBe('RunPod rejected the API key (401). Set RUNPOD_API_KEY to a valid key.');
    expect(describeFailure(unusable).message).toBe('The RunPod API URL is not a valid URL. Check RUNPOD_API_URL and RUNPOD_API_KEY.');
    for (const source of ['RUNPOD_API_KEY_PROD (account prod)', '~/.runpod/config.toml [prod]', '/tmp/cfg.toml (runpodctl apikey)']) {
      expect(describeFailure(rejected, source).message, source).toBe(`RunPod rejected the API key (401). The key came from ${source}: replace it there with a valid key.`);
      expect(describeFailure(unusable, source).message, source).toBe(`The RunPod API URL is not a valid URL. Check RUNPOD_API_URL and the key (from ${source}).`);
      expect(describeFailure(rejected, source).message, source).not.toContain('Set RUNPOD_API_KEY');
    }
  });
});

describe('help texts', () => {
  it("each group's usage line names the same subcommands as the overview", () => {
    // The overview lists `pods list|launch|stop|terminate|logs`; `pods --help` must not leave one out.
    const overview = [...helpFor('main').matchAll(/^ {2}(secrets|pods|endpoints) ([a-z|]+)$/gm)];
    expect(overview.map((m) => m[1])).toEqual(['secrets', 'pods', 'endpoints']);
    for (const [, group, subcommands] of overview) {
      expect(helpFor(group!).split('\n')[0], group).toBe(`Usage: runpod-check ${group} <${subcommands}>${group === 'secrets' ? ' [NAME]' : ''} [options]`);
    }
  });

  it('the commands that read files name the analysis limit they read up to, as the notes do', () => {
    for (const command of ['check', 'envs', 'secrets usage']) {
      expect(helpFor(command), command).toContain(`over ${ANALYSIS_LIMIT / 2 ** 20} MiB`);
    }
  });

  it("check --help states the severity levels, secret-rotation-due's default severity and the editor's default policy as the core does", () => {
    const help = helpFor('check').replace(/\s+/g, ' ');
    expect(help).toContain(`override a code's severity (${SEVERITY_LEVELS.join(', ')})`);
    expect(help).toContain(`secret-rotation-due (${DEFAULT_SEVERITY['secret-rotation-due']})`);
    expect(help).toContain(`runpod.secrets.rotationDays, ${DEFAULT_ROTATION_DAYS})`);
  });

  it('endpoints deploy --help says why a "cpu" file is refused in the words of the refusal itself', () => {
    const parsed = parseTemplateFile('{ "image": "i", "cpu": {} }');
    const refusal = parsed.ok ? endpointFromTemplateFile(parsed.body) : undefined;
    const reason = refusal && !refusal.ok ? refusal.message.replace(/^"cpu" asks for a CPU endpoint: /, '').replace(/\.$/, '') : '';
    expect(reason).not.toBe('');
    // Read by `runpod-check endpoints deploy` as by the editor's deploy: it names no editor command.
    expect(reason).not.toContain('Deploy Endpoint');
    expect(helpFor('endpoints deploy').replace(/\s+/g, ' ')).toContain(`"cpu" is refused: ${reason}`);
  });

  it('the help states the defaults and bounds the code applies (the API URL, the timeout, the log backfill)', () => {
    expect(helpFor('pods')).toContain(`(default ${DEFAULT_BASE_URL};`);
    expect(helpFor('pods')).toContain(`(default ${DEFAULT_TIMEOUT_MS}, ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS})`);
    expect(helpFor('pods logs')).toContain(`(0 to ${MAX_LOG_TAIL}, default ${LOG_BACKFILL})`);
  });

  it('a log without --tail asks for the backfill the help states, as a log view opens with', () => {
    expect(logOptions(parseCommandArgs(['p1'], LOG_OPTIONS, 'pods logs'), 'pods logs').tail).toBe(LOG_BACKFILL);
    expect(logOptions(parseCommandArgs(['p1', '--tail', '0'], LOG_OPTIONS, 'pods logs'), 'pods logs').tail).toBe(0);
  });

  it('every command that calls the API says, in its help, where the key comes from and what the exit codes are', () => {
    for (const command of ['check', 'secrets', 'templates', 'gpus', 'pods', 'endpoints']) {
      expect(helpFor(command), command).toContain('Options of every command:\n  --account NAME');
      expect(helpFor(command), command).toContain('Exit codes: 0 success, 1 findings');
    }
  });

  /** Every command the overview lists, groups and subcommands (`secrets`, `secrets usage`). */
  const overviewCommands = (): string[] => {
    const main = helpFor('main');
    const summary = main.slice(main.indexOf('Commands:\n'), main.indexOf('\n\n', main.indexOf('Commands:\n')));
    return [...summary.matchAll(/^ {2}([a-z]+)(?: ([a-z|]+)\b)?/gm)].flatMap(([, group, subs]) => [group!, ...(subs ?? '').split('|').filter(Boolean).map((sub) => `${group} ${sub}`)]);
  };

  it('every command the overview lists is in the table of what --account chooses, and its help says --account by that table', () => {
    const commands = overviewCommands();
    expect(commands).toContain('envs compare');
    for (const command of commands) {
      const use = accountUse(command);
      expect([command, use]).toEqual([command, command.startsWith('envs') ? CHOOSES_ACCOUNT : CHOOSES_KEY]);
      // Where --account chooses the key, the options of every command say it; envs compare says it itself.
      expect([command, helpFor(command).includes('Options of every command:\n  --account NAME')]).toEqual([command, use === CHOOSES_KEY]);
    }
    expect(accountUse('no-such-command')).toBeUndefined();
  });

  it('every command documents --account, once: run() takes it before any command reads its own options', () => {
    const main = helpFor('main');
    const commands = overviewCommands();
    expect(commands).toContain('secrets usage');
    expect(commands.length).toBeGreaterThan(25);
    for (const command of ['main', ...commands]) {
      if (command !== 'main') expect(helpFor(command), command).not.toBe(main); // a help of its own
      expect([command, helpFor(command).match(/^ {2}--account NAME /gm)?.length]).toEqual([command, 1]);
    }
  });

  it('a command that takes --environment-account shows --environment beside it, in its usage line and its group summary', () => {
    const both = (text: string, where: string) => {
      expect(text, where).toContain('--environment NAME=GLOB');
      expect(text, where).toContain('--environment-account NAME=ACCOUNT');
    };
    for (const [group, sub] of [['pods', 'launch'], ['endpoints', 'deploy'], ['endpoints', 'update']]) {
      const lines = helpFor(group!).split('\n');
      const at = lines.findIndex((l) => l.startsWith(`  ${sub} `));
      const end = lines.findIndex((l, i) => i > at && !l.startsWith('         '));
      both(lines.slice(at, end).join('\n'), `${group} summary: ${sub}`);
    }
    // The others' usage lines list their options ('pods launch', 'endpoints deploy' and check say [options]).
    for (const command of ['endpoints update', 'secrets usage', 'envs compare']) {
      const help = helpFor(command);
      both(help.slice(0, help.indexOf('\n\n')), command);
    }
  });

  it("check's help states its exit codes once, as check decides them (no prompt, so no 130)", () => {
    const help = helpFor('check');
    expect(help.match(/Exit codes:/g)).toHaveLength(1);
    expect(help).toContain('Exit codes: 0 success, 1 findings (errors; warnings too with --strict), 2 usage or API error');
    expect(help).not.toContain('cancelled with Ctrl+C');
  });
});

describe('argument errors', () => {
  const options = { format: { type: 'string', short: 'f' }, 'value-file': { type: 'string' }, files: { type: 'string', multiple: true }, strict: { type: 'boolean' } } as const;
  const usage = (argv: string[]): string => {
    try {
      parseCommandArgs(argv, options, 'check');
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error('no usage error');
  };

  it('an option without its value is named by its long form, as typed or by its short one', () => {
    expect(usage(['--format'])).toBe('option --format needs a value');
    expect(usage(['-f'])).toBe('option --format needs a value');
    expect(usage(['--value-file'])).toBe('option --value-file needs a value');
    expect(usage(['--strict=yes'])).toBe('option --strict takes no value');
  });

  it('a single-value option given twice is refused, never one of the two silently taken', () => {
    expect(usage(['--value-file', 'a', '--value-file', 'b'])).toBe('option --value-file is given twice');
    expect(usage(['--format=json', '-f', 'text'])).toBe('option --format is given twice');
    expect(parseCommandArgs(['--files', 'a', '--files', 'b'], options, 'check').values['files']).toEqual(['a', 'b']);
    expect(parseCommandArgs(['--strict', '--strict'], options, 'check').values['strict']).toBe(true);
  });
});

describe('a value of a line break alone', () => {
  it('a lone carriage return is empty as a lone line feed is', () => {
    for (const text of ['\n', '\r\n', '\r']) expect(() => normalizeValue(text, 'standard input')).toThrow(/empty/);
  });
});

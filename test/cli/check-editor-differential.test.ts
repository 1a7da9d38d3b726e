/**
 * Differential: `runpod-check check` and the language server judge the same workspace the same
 * way. Generated workspaces (every RunPod file kind, lines valid and broken, references canonical,
 * non-canonical, embedded, unknown and typo'd, hard-coded credentials, duplicates, environments by
 * name and by setting, .gitignore files, other encodings) and equivalent settings on both sides
 * (runpod.files = --files, runpod.environments = --environment and --environment-account,
 * runpod.diagnostics.severity = --severity, runpod.secrets.rotationDays = --rotation-days, the
 * active account = RUNPOD_ACCOUNT, the workspace folders = where check runs), one secret list for
 * both (the fake API's with dates, a --secrets-file's names, or none). Each file's findings must be
 * equal: code, range, severity, message (normalised only where the surfaces differ on purpose:
 * checkEditorSides.ts). Fixed seed; fast-check prints the shrunk counterexample.
 *
 * The CLI runs in-process (checkCommand); the server over stdio, one per generated workspace
 * (checkEditorSides.ts). A counterexample found here is kept as a plain example in
 * check-editor-agree.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../server/src/template/index';
import { SEVERITY_LEVELS } from '../../server/src/template/severity';
import { useBothSides, type SideSettings } from './checkEditorSides';

vi.setConfig({ testTimeout: Number(process.env['DIFF_TIMEOUT'] ?? 120_000), hookTimeout: 120_000 });

// Values of a line: each a kind of reference or none.
const VALUES = [
  'plain-value',
  '{{ RUNPOD_SECRET_hf-token }}',
  '{{RUNPOD_SECRET_hf-token}}', // non-canonical spacing
  'pre-{{ RUNPOD_SECRET_openai-key }}', // embedded
  'grüße 😀 {{ RUNPOD_SECRET_hf-tokn }}', // columns in UTF-16 code units after an astral character
  '{{ RUNPOD_SECRET_hf-tokn }}', // typo
  '{{ RUNPOD_SECRET_nothing-like-it }}', // unknown
  '{{ RUNPOD_SECRET_ }}', // malformed
  '{{ RUNPOD_SECRET_bad name }}',
  '{{ RUNPOD_SECRET_db_password_dev }}', // another environment's name
  '{{ RUNPOD_SECRET_db_password_prod }}',
  '{{ RUNPOD_SECRET_db_password_staging }}',
  '{{ RUNPOD_SECRET_db_password }}',
  'hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z', // a hard-coded token shape (fake)
  'AKIAIOSFODNN7EXAMPLE',
];
const KEYS = ['HF_TOKEN', 'MODEL', 'DB', 'AWS_ACCESS_KEY_ID', 'OPENAI_API_KEY', '1BAD', 'has space'];

const entry = fc.record({ key: fc.constantFrom(...KEYS), value: fc.constantFrom(...VALUES) });
/** An env-file line: an entry, or a broken line. */
const envLine = fc.oneof(
  { weight: 5, arbitrary: entry.map(({ key, value }) => `${key}=${value}`) },
  { weight: 1, arbitrary: fc.constantFrom('no equals sign here', '# a comment', '', 'export A=1', 'K="unclosed', '  =x') },
);
const entries = fc.array(entry, { maxLength: 5 });

// File kinds: RunPod env files named for no, one or another environment, the runpod.files kinds,
// dotenv files, the .runpod folder's files, and files only a setting makes RunPod files.
const KINDS = ['env', 'devEnv', 'prodEnv', 'json', 'hub', 'tests', 'toml', 'dotenv', 'dotenvProd', 'runpodEnv', 'runpodDev', 'custom', 'customJson', 'customToml', 'declared', 'declaredJson'] as const;
type Kind = (typeof KINDS)[number];

function fileName(kind: Kind, base: string): string {
  const names: Record<Kind, string> = {
    env: `${base}.runpod.env`,
    devEnv: `${base}.dev.runpod.env`,
    prodEnv: `${base}.prod.runpod.env`,
    json: `${base}.runpod.json`,
    hub: '.runpod/hub.json',
    tests: '.runpod/tests.json',
    toml: 'runpod.toml',
    dotenv: '.env',
    dotenvProd: '.env.production',
    runpodEnv: 'runpod.env',
    runpodDev: '.runpod/dev.env',
    custom: `conf/${base}.txt`, // RunPod files only under FILES.custom / FILES.customAll
    customJson: `conf/${base}.json`,
    customToml: `conf/${base}.toml`,
    declared: `vars/${base}.prod.txt`, // prod's only when runpod.environments says so
    declaredJson: `vars/${base}.prod.json`,
  };
  return names[kind];
}

const q = (s: string): string => JSON.stringify(s);

function fileText(kind: Kind, lines: string[], pairs: { key: string; value: string }[], broken: boolean): string {
  if (kind === 'json' || kind === 'customJson' || kind === 'declaredJson') return `{ "name": "t", "image": "i", "env": {\n${pairs.map((p) => `  ${q(p.key)}: ${q(p.value)}`).join(',\n')}\n}${broken ? ',' : ''} }\n`;
  if (kind === 'hub' || kind === 'tests') return `{ "title": "t", "config": { "env": [\n${pairs.map((p) => `  { "key": ${q(p.key)}, "value": ${q(p.value)} }`).join(',\n')}\n] }${broken ? ' ]' : ''} }\n`;
  if (kind === 'toml' || kind === 'customToml') return `[project]\nname = "x"\n\n[project.env_vars]\n${pairs.map((p) => `${p.key} = ${q(p.value)}`).join('\n')}\n${broken ? 'oops = \n' : ''}`;
  return lines.join('\n') + '\n';
}

const FOLDERS = ['', 'deploy', 'ignored/sub', 'node_modules/pkg', 'deploy/.runpod'];
const file = fc.record({
  folder: fc.constantFrom(...FOLDERS),
  // Env files named for environments more often: two of one template meet (missing-in-environment).
  kind: fc.constantFrom(...KINDS, 'devEnv', 'prodEnv', 'devEnv', 'prodEnv', 'env'),
  base: fc.constantFrom('train', 'serve'),
  lines: fc.array(envLine, { maxLength: 5 }),
  pairs: entries,
  broken: fc.boolean(),
  // Line ends and a byte order mark, as files from other systems have them.
  crlf: fc.boolean(),
  encoding: fc.constantFrom('utf8', 'utf8', 'utf8bom', 'utf16le', 'latin1'),
});



const settings = fc.record({
  rotationDays: fc.constantFrom(0, 7, 90),
  severity: fc.dictionary(fc.constantFrom(...DIAGNOSTIC_CODES), fc.constantFrom(...SEVERITY_LEVELS), { maxKeys: 4 }),
  // runpod.environments / --environment: environments declared by files their names do not say.
  staging: fc.constantFrom('', 'deploy/*.runpod.env', 'deploy/.env*', '**/*.dev.runpod.env', '.runpod/*.env', './deploy/*.runpod.env', 'deploy/**', 'deploy/train.runpod.env', 'DEPLOY/*.runpod.env', 'deploy//*.runpod.env', 'deploy/{train,serve}.runpod.env'),
  // --environment-account / the setting's account: staging runs under a named account (none is active).
  stagingAccount: fc.boolean(),
  declaredProd: fc.constantFrom('', 'vars/*.prod.txt', 'vars/*'),
  // runpod.files / --files: the defaults, the defaults without runpod.toml, or one more glob.
  files: fc.constantFrom('default', 'noToml', 'custom', 'customAll', 'dotted', 'braces'),
  gitignore: fc.constantFrom('', 'ignored/\n', 'ignored/*\n!ignored/sub/\n', '*.prod.runpod.env\n'),
  deployGitignore: fc.constantFrom('', '.runpod/\n', '*.runpod.json\n'),
  // The workspace opened at the files' root, or at their .runpod folder (`code .runpod`, `cd .runpod && runpod-check check`),
  // or two folders of it (a multi-root workspace; check run in each).
  opened: fc.constantFrom('root', 'root', 'runpodFolder', 'twoFolders'),
  // The secret list: the API's (with dates), a --secrets-file's names (no dates), or none.
  list: fc.constantFrom('api', 'api', 'file', 'none'),
  // The active account (with the API's list): none named, or one an environment declares, or another.
  active: fc.constantFrom(undefined, 'team', 'personal'),
});

// A file with more problems of one code than a file lists (too-many-problems), now and then.
const many = fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
// A template with two environments and a shared file, often: the environment rules need one.
const template = fc.option(fc.record({ folder: fc.constantFrom(...FOLDERS), dev: fc.array(envLine, { maxLength: 4 }), prod: fc.array(envLine, { maxLength: 4 }), shared: fc.array(envLine, { maxLength: 3 }) }), { freq: 2 });
const workspaceCase = fc.record({ files: fc.array(file, { minLength: 1, maxLength: 6 }), settings, many, template });
type Case = typeof workspaceCase extends fc.Arbitrary<infer T> ? T : never;

const DEFAULT_FILES = ['**/*.runpod.json', '**/.runpod/hub.json', '**/.runpod/tests.json', '**/runpod.toml'];
const FILES: Record<Case['settings']['files'], string[] | undefined> = {
  default: undefined,
  noToml: DEFAULT_FILES.slice(0, 3),
  custom: [...DEFAULT_FILES, 'conf/*.txt'],
  customAll: ['conf/**', '**/runpod.toml'],
  dotted: ['./conf/*.txt', '**/*.runpod.json'],
  braces: ['conf/*.{txt,json}', '**/.runpod/hub.json'],
};

/** A file's bytes: UTF-8 (with a byte order mark or not), UTF-16LE with its mark, or Latin-1 (not UTF-8 when it has a non-ASCII character). */
function encoded(text: string, encoding: Case['files'][number]['encoding']): string | Uint8Array {
  if (encoding === 'utf8bom') return '\uFEFF' + text;
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'latin1') return Buffer.from(text.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1');
  return text;
}

function filesOf(c: Case): Record<string, string | Uint8Array> {
  const out: Record<string, string | Uint8Array> = {};
  for (const f of c.files) {
    const name = fileName(f.kind, f.base);
    const text = fileText(f.kind, f.lines, f.pairs, f.broken);
    out[f.folder ? `${f.folder}/${name}` : name] = encoded(f.crlf ? text.replace(/\n/g, '\r\n') : text, f.encoding);
  }
  if (c.template) {
    const at = c.template.folder ? `${c.template.folder}/` : '';
    for (const [name, lines] of [['train.dev.runpod.env', c.template.dev], ['train.prod.runpod.env', c.template.prod], ['train.runpod.env', c.template.shared]] as const) out[`${at}${name}`] = `${lines.join('\n')}\n`;
  }
  if (c.many) out['deploy/many.runpod.env'] = 'X={{ RUNPOD_SECRET_nothing-like-it }}\n'.repeat(1002);
  if (c.settings.gitignore) out['.gitignore'] = c.settings.gitignore;
  if (c.settings.deployGitignore) out['deploy/.gitignore'] = c.settings.deployGitignore;
  return c.settings.opened === 'runpodFolder' ? Object.fromEntries(Object.entries(out).map(([p, text]) => [`.runpod/${p}`, text])) : out;
}

const OPENED: Record<Case['settings']['opened'], string[] | undefined> = { root: undefined, runpodFolder: ['.runpod'], twoFolders: ['deploy', 'ignored/sub'] };

function environments(c: Case): Record<string, string> {
  return { ...(c.settings.staging ? { staging: c.settings.staging } : {}), ...(c.settings.declaredProd ? { prod: c.settings.declaredProd } : {}) };
}

const STAGING_ACCOUNT = 'team';

function sideSettings(c: Case): SideSettings {
  const globs = FILES[c.settings.files];
  const editor = {
    ...(globs ? { files: globs } : {}),
    environments: Object.fromEntries(
      Object.entries(environments(c)).map(([name, glob]) => [name, name === 'staging' && c.settings.stagingAccount ? { files: [glob], account: STAGING_ACCOUNT } : glob]),
    ),
    diagnostics: { severity: c.settings.severity },
    secrets: { rotationDays: c.settings.rotationDays },
  };
  const cli = [
    '--rotation-days',
    String(c.settings.rotationDays),
    ...(globs ?? []).flatMap((g) => ['--files', g]),
    ...Object.entries(environments(c)).flatMap(([name, glob]) => ['--environment', `${name}=${glob}`]),
    ...(c.settings.staging && c.settings.stagingAccount ? ['--environment-account', `staging=${STAGING_ACCOUNT}`] : []),
    ...Object.entries(c.settings.severity).flatMap(([code, level]) => ['--severity', `${code}=${level}`]),
  ];
  return { editor, cli, list: c.settings.list, ...(c.settings.list === 'api' && c.settings.active ? { active: c.settings.active } : {}), ...(OPENED[c.settings.opened] ? { folders: OPENED[c.settings.opened] } : {}) };
}

const bothSides = useBothSides();

describe('check and the language server judge a workspace the same way', () => {
  it('for generated workspaces and equivalent settings', async () => {
    const codes = new Set<string>();
    const files = new Set<string>();
    await fc.assert(
      fc.asyncProperty(workspaceCase, async (c) => {
        const { editor, cli } = await bothSides(filesOf(c), sideSettings(c));
        for (const [path, rows] of Object.entries(cli)) {
          files.add(path.replace(/^.*\//, '').replace(/^(train|serve)\./, ''));
          for (const row of rows) codes.add(row[5]);
        }
        expect(cli).toEqual(editor);
      }),
      { numRuns: Number(process.env['DIFF_RUNS'] ?? 40), seed: 20261206 },
    );
    if (process.env['DIFF_RUNS']) console.log([...codes].sort().join(' '), '|', [...files].sort().join(' '));
    // The comparison is not empty: the runs judged files of many kinds, with many rules.
    expect(codes.size).toBeGreaterThanOrEqual(14);
    expect(files.size).toBeGreaterThanOrEqual(8);
  });
});

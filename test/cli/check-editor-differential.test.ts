/**
 * Differential: `runpod-check check` and the language server judge the same workspace the same
 * way. Generated workspaces (every RunPod file kind, lines valid and broken, references canonical,
 * non-canonical, embedded, unknown and typo'd, hard-coded credentials, duplicates, environments by
 * name and by setting, a .gitignore) and equivalent settings on both sides (runpod.files = --files,
 * runpod.environments = --environment, runpod.diagnostics.severity = --severity,
 * runpod.secrets.rotationDays = --rotation-days), one secret list (the fake API's, with dates) for
 * both. Each file's findings must be equal: code, range, severity, message.
 *
 * The CLI runs in-process (checkCommand); the server over stdio, one per generated workspace
 * (checkEditorSides.ts). A counterexample found here is kept as a plain example in
 * check-editor-agree.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { useBothSides, type SideSettings } from './checkEditorSides';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// Values of a line: each a kind of reference or none.
const VALUES = [
  'plain-value',
  '{{ RUNPOD_SECRET_hf-token }}',
  '{{RUNPOD_SECRET_hf-token}}', // non-canonical spacing
  'pre-{{ RUNPOD_SECRET_openai-key }}', // embedded
  '{{ RUNPOD_SECRET_hf-tokn }}', // typo
  '{{ RUNPOD_SECRET_nothing-like-it }}', // unknown
  '{{ RUNPOD_SECRET_ }}', // malformed
  '{{ RUNPOD_SECRET_bad name }}',
  '{{ RUNPOD_SECRET_db_password_dev }}', // another environment's name
  '{{ RUNPOD_SECRET_db_password_prod }}',
  '{{ RUNPOD_SECRET_db_password }}',
  'hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z', // a hard-coded token shape (fake)
  'AKIAIOSFODNN7EXAMPLE',
];
const KEYS = ['HF_TOKEN', 'MODEL', 'DB', 'AWS_ACCESS_KEY_ID', 'OPENAI_API_KEY', '1BAD', 'has space'];

const entry = fc.record({ key: fc.constantFrom(...KEYS), value: fc.constantFrom(...VALUES) });
/** An env-file line: an entry, or a broken line. */
const envLine = fc.oneof(
  { weight: 5, arbitrary: entry.map(({ key, value }) => `${key}=${value}`) },
  { weight: 1, arbitrary: fc.constantFrom('no equals sign here', '# a comment', '', 'export A=1', 'K="unclosed') },
);
const entries = fc.array(entry, { maxLength: 5 });

type Kind = 'env' | 'devEnv' | 'prodEnv' | 'json' | 'hub' | 'toml' | 'dotenv' | 'runpodDev';
const KINDS: Kind[] = ['env', 'devEnv', 'prodEnv', 'json', 'hub', 'toml', 'dotenv', 'runpodDev'];

function fileName(kind: Kind, base: string): string {
  switch (kind) {
    case 'env':
      return `${base}.runpod.env`;
    case 'devEnv':
      return `${base}.dev.runpod.env`;
    case 'prodEnv':
      return `${base}.prod.runpod.env`;
    case 'json':
      return `${base}.runpod.json`;
    case 'hub':
      return '.runpod/hub.json';
    case 'toml':
      return 'runpod.toml';
    case 'dotenv':
      return '.env';
    case 'runpodDev':
      return '.runpod/dev.env';
  }
}

const q = (s: string): string => JSON.stringify(s);

function fileText(kind: Kind, lines: string[], pairs: { key: string; value: string }[], broken: boolean): string {
  if (kind === 'json') return `{ "name": "t", "image": "i", "env": {\n${pairs.map((p) => `  ${q(p.key)}: ${q(p.value)}`).join(',\n')}\n}${broken ? ',' : ''} }\n`;
  if (kind === 'hub') return `{ "title": "t", "config": { "env": [\n${pairs.map((p) => `  { "key": ${q(p.key)}, "value": ${q(p.value)} }`).join(',\n')}\n] }${broken ? ' ]' : ''} }\n`;
  if (kind === 'toml') return `[project]\nname = "x"\n\n[project.env_vars]\n${pairs.map((p) => `${p.key} = ${q(p.value)}`).join('\n')}\n${broken ? 'oops = \n' : ''}`;
  return lines.join('\n') + '\n';
}

const FOLDERS = ['', 'deploy', 'ignored/sub'];
const file = fc.record({
  folder: fc.constantFrom(...FOLDERS),
  kind: fc.constantFrom(...KINDS),
  base: fc.constantFrom('train', 'serve'),
  lines: fc.array(envLine, { maxLength: 5 }),
  pairs: entries,
  broken: fc.boolean(),
});

const SEVERITY_CODES = ['unknown-secret', 'noncanonical-reference', 'embedded-reference', 'hardcoded-credential', 'secret-rotation-due', 'cross-environment-secret', 'missing-in-environment', 'duplicate-key'];
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];

const settings = fc.record({
  rotationDays: fc.constantFrom(0, 7, 90),
  severity: fc.dictionary(fc.constantFrom(...SEVERITY_CODES), fc.constantFrom(...LEVELS), { maxKeys: 3 }),
  // runpod.environments / --environment: an environment declared by files the names do not say.
  staging: fc.boolean(),
  // runpod.files / --files: the defaults, or the defaults without runpod.toml.
  noToml: fc.boolean(),
  gitignore: fc.boolean(),
});

const workspaceCase = fc.record({ files: fc.array(file, { minLength: 1, maxLength: 6 }), settings });
type Case = typeof workspaceCase extends fc.Arbitrary<infer T> ? T : never;

const DEFAULT_FILES = ['**/*.runpod.json', '**/.runpod/hub.json', '**/.runpod/tests.json', '**/runpod.toml'];
const FILES_WITHOUT_TOML = DEFAULT_FILES.slice(0, 3);
const STAGING_GLOB = 'deploy/*.runpod.env';

function filesOf(c: Case): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of c.files) {
    const name = fileName(f.kind, f.base);
    out[f.folder ? `${f.folder}/${name}` : name] = fileText(f.kind, f.lines, f.pairs, f.broken);
  }
  if (c.settings.gitignore) out['.gitignore'] = 'ignored/\n';
  return out;
}

function sideSettings(c: Case): SideSettings {
  return { editor: editorSettings(c), cli: cliArgs(c) };
}

function editorSettings(c: Case): unknown {
  return {
    ...(c.settings.noToml ? { files: FILES_WITHOUT_TOML } : {}),
    environments: c.settings.staging ? { staging: STAGING_GLOB } : {},
    diagnostics: { severity: c.settings.severity },
    secrets: { rotationDays: c.settings.rotationDays },
  };
}

function cliArgs(c: Case): string[] {
  return [
    '--rotation-days',
    String(c.settings.rotationDays),
    ...(c.settings.noToml ? FILES_WITHOUT_TOML.flatMap((g) => ['--files', g]) : []),
    ...(c.settings.staging ? ['--environment', `staging=${STAGING_GLOB}`] : []),
    ...Object.entries(c.settings.severity).flatMap(([code, level]) => ['--severity', `${code}=${level}`]),
  ];
}

const bothSides = useBothSides();

describe('check and the language server judge a workspace the same way', () => {
  it('for generated workspaces and equivalent settings', async () => {
    let withFindings = 0;
    await fc.assert(
      fc.asyncProperty(workspaceCase, async (c) => {
        const { editor, cli } = await bothSides(filesOf(c), sideSettings(c));
        if (Object.keys(cli).length > 0) withFindings++;
        expect(cli).toEqual(editor);
      }),
      { numRuns: Number(process.env['DIFF_RUNS'] ?? 12), seed: 20261206 },
    );
    // The comparison is not empty.
    expect(withFindings).toBeGreaterThan(0);
  });
});

/**
 * Nothing a file or a server controls reaches the terminal raw: escape sequences (ESC[2K, OSC 52
 * clipboard writes), C1 controls (U+009B is a one-byte CSI), bidi overrides and carriage returns
 * in file names, keys, reference names, secret names and descriptions, template and pod names.
 * Text output shows them as visible escapes on one line; JSON and SARIF stay valid and read back
 * the exact data.
 */
import { describe, expect, it, vi } from 'vitest';
import { RAW_CONTROL } from '../hostile/leaks';
import { apiEnv, runCli, withFakeApi, type CliResult } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

const ESC_CLEAR = '\u001b[2K';
const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007';
const CSI_C1 = '\u009b31m';
const BIDI = '\u202e';
const EVIL_NAME = `evil${ESC_CLEAR}${BIDI}.runpod.env`;
const FORGED_NAME = `x\nforged.runpod.env:1:1: error fake\r.runpod.env`;

const setup = withFakeApi({
  'keys.runpod.env': `K${OSC52}EY=1\nX={{ RUNPOD_SECRET_x${BIDI}${CSI_C1}yz }}\n${ESC_CLEAR}just text\n`,
  [EVIL_NAME]: 'A={{ RUNPOD_SECRET_ }}\n',
  [FORGED_NAME]: 'A={{ RUNPOD_SECRET_ }}\n',
});

function expectNoRawControl(r: CliResult): void {
  expect(RAW_CONTROL.exec(r.stdout)?.[0], 'stdout').toBeUndefined();
  expect(RAW_CONTROL.exec(r.stderr)?.[0], 'stderr').toBeUndefined();
}

describe('check output never carries a raw control character', () => {
  it('text: one line per finding, hostile names and messages escaped visibly', async () => {
    const r = await runCli(['check'], { cwd: setup.ws });
    expect(r.code).toBe(1);
    expectNoRawControl(r);
    const json = JSON.parse((await runCli(['check', '--format', 'json'], { cwd: setup.ws })).stdout) as unknown[];
    // A newline in a file name cannot forge a finding line.
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(json.length);
    expect(r.stdout).toContain('evil\\u001b[2K\\u202e.runpod.env:1:3: error malformed-reference');
    // Shown escaped, as data, not as a space that reads like a separator.
    expect(r.stdout).toContain('x\\u000aforged.runpod.env:1:1: error fake\\u000d.runpod.env:1:3: error malformed-reference');
  });

  it.each(['json', 'sarif'])('%s: valid, no raw controls, and the data reads back exactly', async (format) => {
    const r = await runCli(['check', '--format', format], { cwd: setup.ws });
    expectNoRawControl(r);
    const parsed = JSON.parse(r.stdout);
    let messages: string[];
    if (format === 'json') {
      const rows = parsed as { file: string; message: string }[];
      expect(rows.map((f) => f.file)).toEqual(expect.arrayContaining([EVIL_NAME, FORGED_NAME]));
      messages = rows.map((f) => f.message);
    } else {
      const results = parsed.runs[0].results as { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      expect(results.map((x) => decodeURIComponent(x.locations[0]!.physicalLocation.artifactLocation.uri))).toContain(EVIL_NAME);
      messages = results.map((x) => x.message.text);
    }
    // Messages are text a viewer shows (GitHub renders SARIF message.text): a reference name's
    // override is a visible escape there too, while file names stay exact data.
    expect(messages.join('\n')).toContain('`x\\u202e\\u009b31myz`');
    for (const m of messages) expect(RAW_CONTROL.exec(m)?.[0], m).toBeUndefined();
  });
});

describe('text from the API never carries a raw control character', () => {
  const hostile = `a${ESC_CLEAR}b${OSC52}c${CSI_C1}d${BIDI}e\rf`;

  it('secrets list and get, tables and JSON', async () => {
    const secret = { id: 'x1', name: 'evil', description: hostile, createdAt: `2026-09-01T12:00:00Z${ESC_CLEAR}`, valueLastUpdatedAt: hostile };
    for (const args of [['secrets', 'list'], ['secrets', 'list', '--json'], ['secrets', 'get', 'evil'], ['secrets', 'get', 'evil', '--json']]) {
      const body = args[1] === 'list' ? { secrets: [secret, { ...secret, id: 'x2', name: `n${ESC_CLEAR}` }] } : { secrets: [secret] };
      const json = { 'Content-Type': 'application/json' };
      setup.fake.faults.inject({ status: 200, body: JSON.stringify(body), headers: json }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/ });
      if (args[1] === 'get') setup.fake.faults.inject({ status: 200, body: JSON.stringify(secret), headers: json }, { method: 'GET', path: /\/account\/secrets\/x1$/ });
      const r = await runCli(args, { cwd: setup.ws, env: apiEnv(setup.fake) });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expectNoRawControl(r);
      if (args.includes('--json')) expect(r.stdout).toContain('\\u001b'); // escaped by JSON, still readable data
      else if (args[1] === 'get') expect(r.stdout).toContain('a\\u001b[2Kb\\u001b]52;c;cm0gLXJmIH4=\\u0007c\\u009b31md\\u202ee f');
    }
  });

  it('secrets list and get show invisible characters in a description as escapes, as in a name', async () => {
    const secret = { id: 'x1', name: 'quiet', description: 'pro\u200bd\u2060 key', createdAt: '2026-09-01T12:00:00Z', valueLastUpdatedAt: '2026-09-01T12:00:00Z' };
    const json = { 'Content-Type': 'application/json' };
    for (const sub of ['list', 'get']) {
      setup.fake.faults.inject({ status: 200, body: JSON.stringify({ secrets: [secret] }), headers: json }, { method: 'GET', path: /\/account\/secrets(\?.*)?$/ });
      if (sub === 'get') setup.fake.faults.inject({ status: 200, body: JSON.stringify(secret), headers: json }, { method: 'GET', path: /\/account\/secrets\/x1$/ });
      const r = await runCli(['secrets', sub, ...(sub === 'get' ? ['quiet'] : [])], { cwd: setup.ws, env: apiEnv(setup.fake) });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('pro\\u200bd\\u2060 key');
    }
  });

  it('secrets create: the name the server answers with', async () => {
    // The created secret's name is the server's text: a proxy that answers with escapes must not
    // reach the terminal through the "Created secret ..." line.
    const created = { id: 'x3', name: `made${OSC52}${ESC_CLEAR}`, description: '', createdAt: '2026-09-01T12:00:00Z', valueLastUpdatedAt: '2026-09-01T12:00:00Z' };
    setup.fake.faults.inject({ status: 200, body: JSON.stringify(created), headers: { 'Content-Type': 'application/json' } }, { method: 'POST', path: '/account/secrets' });
    const r = await runCli(['secrets', 'create', 'made'], { cwd: setup.ws, env: apiEnv(setup.fake), input: 'not-a-real-value\n' });
    expect(r.code, r.stderr).toBe(0);
    expectNoRawControl(r);
    expect(r.stdout).toContain('Created secret made\\u001b]52;');
  });

  it('secrets create and update: a line feed in the name the server answers with prints no second line', async () => {
    const secret = { id: 'x4', name: 'made\nforged: Deleted secret hf-token.', description: '', createdAt: '2026-09-01T12:00:00Z', valueLastUpdatedAt: '2026-09-01T12:00:00Z' };
    const answer = { status: 200, body: JSON.stringify(secret), headers: { 'Content-Type': 'application/json' } };
    setup.fake.faults.inject(answer, { method: 'POST', path: '/account/secrets' });
    const created = await runCli(['secrets', 'create', 'made'], { cwd: setup.ws, env: apiEnv(setup.fake), input: 'not-a-real-value\n' });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.split('\n')).toHaveLength(2);
    setup.fake.addSecret({ name: 'made_here', value: 'v' });
    setup.fake.faults.inject(answer, { method: 'PATCH', path: '/account/secrets' });
    const updated = await runCli(['secrets', 'update', 'made_here', '--description', 'd'], { cwd: setup.ws, env: apiEnv(setup.fake) });
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout.split('\n')).toHaveLength(2);
  });

  it('pods launch: the status the server answers the create with stays on the "Created pod" line', async () => {
    const pod = { id: 'p9', name: 'made', status: 'PROVISIONING\nforged: Pod p9 TERMINATED', cloud: 'SECURE', createdAt: '2026-09-01T12:00:00Z', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } };
    setup.fake.faults.inject({ status: 201, body: JSON.stringify(pod), headers: { 'Content-Type': 'application/json' } }, { method: 'POST', path: '/pods' });
    const r = await runCli(['pods', 'launch', '--template-id', setup.fake.inspect().templates[0]!.id, '--gpu', 'NVIDIA GeForce RTX 4090', '--name', 'made'], { cwd: setup.ws, env: apiEnv(setup.fake) });
    expect(r.code, r.stderr).toBe(0);
    // Server text on one line (sanitize), as the name beside it: no second line a reader takes for the CLI's.
    expect(r.stdout.split('\n')).toEqual(['Created pod p9 (made), status PROVISIONING forged: Pod p9 TERMINATED.', '']);
  });

  it('templates and pods lists', async () => {
    setup.fake.faults.inject(
      { status: 200, body: JSON.stringify({ templates: [{ id: `t${ESC_CLEAR}`, name: hostile, image: hostile, env: {}, serverless: false }] }), headers: { 'Content-Type': 'application/json' } },
      { method: 'GET', path: '/templates' },
    );
    const t = await runCli(['templates', 'list'], { cwd: setup.ws, env: apiEnv(setup.fake) });
    expect(t.code, t.stderr).toBe(0);
    expectNoRawControl(t);
    const pod = { id: `p${CSI_C1}`, name: hostile, status: `RUNNING${ESC_CLEAR}`, cloud: hostile, createdAt: hostile, gpu: { id: hostile, count: 1 } };
    for (const args of [['pods', 'list'], ['pods', 'list', '--json']]) {
      setup.fake.faults.inject({ status: 200, body: JSON.stringify({ pods: [pod] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/pods' });
      const r = await runCli(args, { cwd: setup.ws, env: apiEnv(setup.fake) });
      expect(r.code, r.stderr).toBe(0);
      expectNoRawControl(r);
    }
  });

  it('pods list --json: C1 controls and bidi overrides in a name or image are \\u escapes, and the JSON reads back the API\'s exact text', async () => {
    // U+009B is a one-byte CSI, U+202E/U+2066 reorder what is shown: JSON.stringify leaves them raw.
    const name = `n${CSI_C1}a\u0085m${BIDI}e\u2066x\u2069`;
    const image = `img\u009b2J\u202a:1\u202c`;
    const pod = { id: 'p1', name, image, status: 'RUNNING', cloud: 'SECURE', createdAt: '2026-09-01T12:00:00Z', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 } };
    setup.fake.faults.inject({ status: 200, body: JSON.stringify({ pods: [pod] }), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/pods' });
    const r = await runCli(['pods', 'list', '--json'], { cwd: setup.ws, env: apiEnv(setup.fake) });
    expect(r.code, r.stderr).toBe(0);
    expect(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/.exec(r.stdout)?.[0]).toBeUndefined();
    expect(r.stdout).toContain('\\u009b');
    const [shown] = JSON.parse(r.stdout) as { name: string; image: string }[];
    expect({ name: shown!.name, image: shown!.image }).toEqual({ name, image });
  });

  it('an error detail from the server', async () => {
    setup.fake.faults.inject(
      { status: 500, body: JSON.stringify({ title: hostile, status: 500, detail: hostile }), headers: { 'Content-Type': 'application/problem+json' } },
      { method: 'GET', path: '/account/secrets', times: 5 },
    );
    const r = await runCli(['secrets', 'list'], { cwd: setup.ws, env: { ...apiEnv(setup.fake), RUNPOD_TIMEOUT_MS: '3000' } });
    expect(r.code).toBe(2);
    expectNoRawControl(r);
  });
});

/**
 * `runpod-check check` output that machines read (JSON, SARIF for code scanning) and CI logs show
 * (text), over what a repository and a server control: file names with quotes, line breaks, `%`,
 * `#`, `?` and link syntax, content written as links, and a secret list from a broken or hostile
 * API server. The JSON stays JSON, SARIF URIs stay percent-encoded URIs, text stays one line per
 * finding, and nothing from a file or a server forms a link or reaches a file as a suggestion.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { buildOnce, runCli } from '../cli/helpers';
import { formatSarif } from '../../client/src/cli/check/format';
import { RAW_CONTROL } from './leaks';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const API_KEY = 'rpa_MACHINEOUTPUTTESTKEY0000000000000000000000';

let fake: FakeRunpod;
let dir: string;

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ apiKey: API_KEY });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-machine-output-'));
});
afterAll(async () => {
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a secret list from a broken or hostile server', () => {
  it('names no secret whose name holds characters no RunPod secret name has, in any format', async () => {
    fs.writeFileSync(path.join(dir, 'typo.runpod.env'), 'A={{ RUNPOD_SECRET_hf-tokn }}\nB={{ RUNPOD_SECRET_db-passwrd }}\n');
    const listed = [
      { id: '1', name: 'hf-tok\n' },
      { id: '2', name: 'db-passwrd](https://evil.example)' },
      { id: '3', name: 'db-passw[x]' },
      { id: '4', name: 'hf-token' },
    ];
    for (const format of ['text', 'json', 'sarif']) {
      fake.faults.inject({ status: 200, body: JSON.stringify(listed), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/account/secrets', times: 1 });
      const r = await runCli(['check', '--format', format, 'typo.runpod.env'], { cwd: dir, env: { RUNPOD_API_KEY: API_KEY, RUNPOD_API_URL: fake.url, RUNPOD_TIMEOUT_MS: '10000' } });
      expect(r.stdout, r.stderr).toContain('unknown-secret');
      const output = `${r.stdout}\n${r.stderr}`;
      expect(output).toContain('hf-token');
      for (const piece of ['hf-tok\\n', 'evil.example', 'db-passw[x]', 'db-passw\\[x\\]']) expect(output, format).not.toContain(piece);
      expect(RAW_CONTROL.exec(output)?.[0]).toBeUndefined();
    }
  });
});

/** Names a repository can give its files (no `/`, no NUL): quotes, `%`, `#`, `?`, a line break, link syntax, 200 letters. */
const HOSTILE_NAMES = [
  `q"'%#?.runpod.env`,
  'line\nbreak.runpod.env',
  'x[click](javascript:alert(1)).runpod.env',
  'pct%2F..%2F..%2Fetc.runpod.env',
  `${'l'.repeat(200)}.runpod.env`,
];
/** Content that writes link syntax wherever a message may quote the file. */
const LINKY = '[evil](https://evil.example)=1\nK={{ RUNPOD_SECRET_[x](https://evil.example) }}\nwhat [a](1) <img src=x>\n';

/** A URI reference as RFC 3986 allows it: unreserved, reserved and percent-encoded octets only. */
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-F]{2})*$/;

describe('hostile file names and content', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-machine-names-'));
    for (const name of HOSTILE_NAMES) fs.writeFileSync(path.join(root, name), LINKY);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('text: one line per finding, each naming its file on that line', async () => {
    const json = await runCli(['check', '--format', 'json'], { cwd: root });
    const findings = JSON.parse(json.stdout) as { file: string }[];
    expect(new Set(findings.map((f) => f.file))).toEqual(new Set(HOSTILE_NAMES));
    const text = await runCli(['check'], { cwd: root });
    const lines = text.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(findings.length);
    for (const line of lines) expect(line).toMatch(/^.+\.runpod\.env:\d+:\d+: (error|warning|information|hint) [a-z-]+ /);
    expect(RAW_CONTROL.exec(text.stdout + text.stderr)?.[0]).toBeUndefined();
  });

  it('SARIF: valid JSON, URIs percent-encoded back to each file, and no message forms a SARIF embedded link', async () => {
    const r = await runCli(['check', '--format', 'sarif'], { cwd: root });
    const sarif = JSON.parse(r.stdout) as { runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const results = sarif.runs[0]!.results;
    expect(results.length).toBeGreaterThan(HOSTILE_NAMES.length);
    const files = new Set<string>();
    for (const result of results) {
      const { uri } = result.locations[0]!.physicalLocation.artifactLocation;
      expect(uri).toMatch(URI_CHARS);
      expect(uri).not.toMatch(/[?#[\]]/);
      files.add(decodeURIComponent(uri));
      // SARIF 2.1.0 §3.11.6: in a plain text message, [text](target) is an embedded link (code
      // scanning renders it); a literal bracket is written \[ or \].
      expect(result.message.text, result.message.text).not.toMatch(/(^|[^\\])(\\\\)*[[\]]/);
    }
    expect(files).toEqual(new Set(HOSTILE_NAMES));
  });
});

describe('a file whose name is not UTF-8', () => {
  it('is named as skipped for that reason, not as a file that does not exist', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-machine-bytes-'));
    try {
      // Latin-1 "café": the bytes 0xE9 alone are no UTF-8; Node lists the name with U+FFFD in it.
      fs.writeFileSync(Buffer.concat([Buffer.from(`${root}/caf`), Buffer.from([0xe9]), Buffer.from('.runpod.env')]), 'TOKEN=x\n');
      fs.writeFileSync(path.join(root, 'ok.runpod.env'), 'A=1\n');
      const r = await runCli(['check'], { cwd: root });
      expect(r.stderr).toMatch(/skipped 1 path, not read: caf\uFFFD\.runpod\.env \(its name is not valid UTF-8/);
      expect(r.stderr).not.toContain('no such file');
      expect(RAW_CONTROL.exec(r.stdout + r.stderr)?.[0]).toBeUndefined();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('SARIF for a file name that is not well-formed UTF-16', () => {
  it('is written, its URI percent-encoding U+FFFD where the name had a lone surrogate (Windows allows such names)', () => {
    const finding = { file: 'bad\uD800name.runpod.env', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'error' as const, code: 'missing-equals' as const, message: 'x' };
    const sarif = JSON.parse(formatSarif([finding], { version: '0', srcRoot: '/w' })) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('bad%EF%BF%BDname.runpod.env');
  });
});

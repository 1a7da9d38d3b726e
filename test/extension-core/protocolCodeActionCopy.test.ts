/**
 * LazyReveals.resolve hands the languageclient a copy of the listed action (Object.create of its
 * prototype + Object.assign, without our command). The languageclient sends `data` back to the
 * server only when the action is `instanceof` its own ProtocolCodeAction (codeConverter.ts
 * asCodeActionSync). revealOtherFileEdit.test.ts proves the copy with a class of its own; this
 * proves it with the languageclient's real classes, loaded from node_modules with the vscode
 * stand-in for `vscode` (their `require('vscode')` is CommonJS, out of vi.mock's reach), so an
 * upgrade that changes how `data` is kept is caught here.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as vscodeFake from '../extension-ui/vscodeFake';
import { LazyReveals, REVEAL_EDIT_COMMAND, type RevealableAction } from '../../client/src/lsp/revealEdit';

/** vscode.CodeAction as the API defines its constructor: the class ProtocolCodeAction extends. */
class CodeAction {
  constructor(
    public title: string,
    public kind?: unknown,
  ) {}
}
/** The other vscode classes the languageclient's protocol* files extend when loaded (none used here). */
const unused = Object.fromEntries(['CallHierarchyItem', 'CompletionItem', 'Diagnostic', 'DocumentLink', 'InlayHint', 'SymbolInformation', 'TypeHierarchyItem'].map((name) => [name, class {}]));
const vscode = { ...unused, ...vscodeFake, CodeAction };

const common = path.join(process.cwd(), 'node_modules', 'vscode-languageclient', 'lib', 'common');

/** A CommonJS loader for the languageclient's own files: `vscode` is the stand-in, its relative requires load the same way (one class identity), the rest as Node loads it. */
function loader(): (file: string) => Record<string, unknown> {
  const cache = new Map<string, { exports: Record<string, unknown> }>();
  const load = (named: string): Record<string, unknown> => {
    // One key per file however it was reached (node_modules may be a link): one class identity.
    const file = fs.realpathSync(named);
    const known = cache.get(file);
    if (known) return known.exports;
    const module = { exports: {} as Record<string, unknown> };
    cache.set(file, module);
    const nodeRequire = createRequire(file);
    const require = (id: string): unknown => (id === 'vscode' ? vscode : id.startsWith('.') ? load(nodeRequire.resolve(id)) : nodeRequire(id));
    const wrapped = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`, { filename: file }) as (...args: unknown[]) => void;
    wrapped(module.exports, require, module, file, path.dirname(file));
    return module.exports;
  };
  return load;
}

describe("LazyReveals.resolve with the languageclient's real ProtocolCodeAction", () => {
  const load = loader();
  const ProtocolCodeAction = load(path.join(common, 'protocolCodeAction.js')).default as new (title: string, data: unknown) => RevealableAction & { data: unknown };
  const { createConverter } = load(path.join(common, 'codeConverter.js')) as { createConverter(uri?: unknown): { asCodeActionSync(item: unknown): { title: string; data?: unknown; command?: unknown } } };
  const c2p = createConverter();

  it('the copy sent on resolve is still a ProtocolCodeAction: asCodeActionSync sends its data back, and not our command', async () => {
    const reveals = new LazyReveals();
    const action = new ProtocolCodeAction('Add `LOG_LEVEL` to api.prod.runpod.json', { key: 'LOG_LEVEL', uri: 'file:///w/api.dev.runpod.json' });
    reveals.list(action, vscodeFake.Uri.file('/w/api.dev.runpod.json'));
    expect(action.command?.command).toBe(REVEAL_EDIT_COMMAND);
    const sent: unknown[] = [];
    await reveals.resolve(action, async (item) => {
      expect(item).toBeInstanceOf(ProtocolCodeAction);
      sent.push(c2p.asCodeActionSync(item));
      return item;
    });
    expect(sent).toEqual([{ title: action.title, data: { key: 'LOG_LEVEL', uri: 'file:///w/api.dev.runpod.json' } }]);
  });

  it('an action that is not a ProtocolCodeAction sends no data: the check above is not vacuous', () => {
    expect(c2p.asCodeActionSync(Object.assign(new CodeAction('x'), { data: 1 }))).toEqual({ title: 'x' });
  });
});

/**
 * Before the e2e run: empty test-results/e2e so the folder CI keeps holds this run's screenshots
 * only, and fail fast with the fix when the editor tools are missing.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { editorTools, REPO_ROOT } from '../../scripts/editor/stack.mjs';

export default function setup(): void {
  editorTools();
  const results = resolve(REPO_ROOT, 'test-results', 'e2e');
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
}

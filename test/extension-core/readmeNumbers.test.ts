/**
 * The limits, defaults and word lists README.md states are the code's: each phrase is built from
 * the constant that decides it, so a changed limit fails here until the README says the new one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countLimitText, sizeLimitText } from '../../server/src/template/analyze';
import { bytesInWords, grouped } from '../../server/src/template/counts';
import { MAX_FILE_GLOBS } from '../../server/src/template/fileKinds';
import { SECRET_NAME_MAX_LENGTH, SECRET_VALUE_MAX_BYTES } from '../../server/src/template/names';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import { MAX_POD_ENV_VARIABLES } from '../../server/src/template/rules/keys';
import { MAX_SYMBOLS } from '../../server/src/template/symbols';
import { MAX_COMPLETION_ITEMS } from '../../server/src/template/complete';
import { MAX_ADD_KEY_ACTIONS, MAX_LAZY_ADD_KEY_ACTIONS } from '../../server/src/template/codeActions';
import { MAX_DECLARED_GLOBS, MAX_GLOBS } from '../../server/src/template/environments/declarations';
import { DEFAULT_ROTATION_DAYS } from '../../server/src/template/valueAge';
import { MAX_INDEXED_FILES } from '../../server/src/index/limits';
import { canonicalEnvironment, ENVIRONMENT_WORDS, wordsOfEnvironment } from '../../server/src/template/environments/words';
import { MAX_WALKED_DEPTH, MAX_WALKED_ENTRIES } from '../../server/src/index/walk';
import { MAX_SECRET_NODES } from '../../client/src/views/nodes';
import { MAX_HISTORY_ENTRIES } from '../../client/src/secrets/history';
import { LOG_BACKFILL } from '../../client/src/runpod/logStream';
import { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../../client/src/runpod/timeout';
import { DEFAULT_BASE_URL } from '../../client/src/runpod/baseUrl';
import { EXIT } from '../../client/src/cli/errors';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

const STATED: readonly string[] = [
  `1–${SECRET_NAME_MAX_LENGTH} characters`,
  `at most ${SECRET_NAME_MAX_LENGTH} characters`,
  `more than the ${MAX_POD_ENV_VARIABLES} variables a Pod takes`,
  `the env has more than ${MAX_POD_ENV_VARIABLES} variables`,
  `(default ${DEFAULT_ROTATION_DAYS}, \`0\` off)`,
  `more than ${sizeLimitText()} or ${countLimitText()}`,
  `at most ${grouped(MAX_LISTED_PROBLEMS)} problems of each code`,
  `the first ${grouped(MAX_SYMBOLS)} of a larger file`,
  `In VS Code the first ${MAX_LAZY_ADD_KEY_ACTIONS} keys of a line are offered`,
  `get the first ${MAX_ADD_KEY_ACTIONS} keys of a line, edits included`,
  `more than ${MAX_COMPLETION_ITEMS} secrets offers the ${MAX_COMPLETION_ITEMS} first names`,
  `the first ${MAX_FILE_GLOBS} globs of the list, and ${MAX_GLOBS} per environment of \`runpod.environments\`, ${MAX_DECLARED_GLOBS} in all`,
  `at most ${grouped(MAX_INDEXED_FILES)} files`,
  `more than ${grouped(MAX_INDEXED_FILES)} RunPod files or ${grouped(MAX_WALKED_ENTRIES)} files and folders`,
  `folders more than ${MAX_WALKED_DEPTH} levels deep`,
  `the index's bound (${grouped(MAX_WALKED_ENTRIES)} entries)`,
  `the first ${grouped(MAX_SECRET_NODES)} secrets`,
  `last ${grouped(MAX_HISTORY_ENTRIES)} entries`,
  `the last ${LOG_BACKFILL} lines`,
  `(${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS} ms`,
  `RunPod's ${bytesInWords(SECRET_VALUE_MAX_BYTES)} limit`,
  `the ${bytesInWords(SECRET_VALUE_MAX_BYTES)} limit is on the value stored`,
  `\`runpod.apiUrl\` (default \`${DEFAULT_BASE_URL}\`;`,
  `already points at RunPod (\`${DEFAULT_BASE_URL}\`)`,
  `exit ${EXIT.ok} success, ${EXIT.findings} findings, ${EXIT.failure} usage or API error, ${EXIT.cancelled} Ctrl+C`,
  `${EXIT.terminated} SIGTERM and ${EXIT.hungUp} SIGHUP during \`secrets rotate --restart\``,
];

/** The environment words as README lists them: each environment's words joined by `/`, canonical first. */
const environmentGroups = [...new Set(ENVIRONMENT_WORDS.map(canonicalEnvironment))].map((e) => wordsOfEnvironment(e).join('/')).join(', ');

describe("README's environment words", () => {
  it('are the words.ts vocabulary, every alias of each environment', () => {
    expect(readme).toContain(`where the environment is one of ${environmentGroups} (aliases name one environment`);
  });
});

const ciGuide = readFileSync(new URL('../../docs/ci.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe("docs/ci.md's numbers", () => {
  it.each([
    `a file over ${sizeLimitText()} or ${countLimitText()} is checked up to there`,
    `more than ${MAX_POD_ENV_VARIABLES} variables in one env`,
    `only the first ${MAX_GLOBS} globs of one environment`,
  ])('says "%s", from the constant that decides it', (phrase) => {
    expect(ciGuide).toContain(phrase);
  });
});

describe("README's numbers", () => {
  it.each(STATED)('says "%s", from the constant that decides it', (phrase) => {
    expect(readme).toContain(phrase);
  });
});

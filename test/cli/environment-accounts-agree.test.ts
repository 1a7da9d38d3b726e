/**
 * The command line and the language server agree on which file is another account's: the CLI's
 * `--environment` + `--environment-account` flags and the editor's runpod.environments setting
 * saying the same thing give every path the same answer (the one rule, otherAccountOf), the same
 * list to judge it against and a note on the same span. Only the note's "what to do" differs: the
 * editor's command there, `--account` here.
 */
import { describe, expect, it } from 'vitest';
import { environmentOptions } from '../../client/src/cli/check/environments';
import { fileScope as cliScope } from '../../client/src/cli/check/accounts';
import { fileScope as serverScope } from '../../server/src/lsp/accountScope';
import { isAccountName } from '../../server/src/template/accountNames';
import { otherAccountOf, parseEnvironmentDeclarations } from '../../server/src/template/environments/index';
import type { SecretCatalog } from '../../server/src/template/index';

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }] };
const TEXT = 'TOKEN={{ RUNPOD_SECRET_hf-token }}\nA=1\n';
const PATHS = [
  'deploy/dev/train.env',
  'deploy/prod/train.env',
  'deploy/prod/nested/x.env',
  'train.dev.runpod.env',
  'train.prod.runpod.env',
  'train.production.runpod.env',
  'train.runpod.env',
  'train.staging.runpod.env',
  'qa/x.env',
  '.runpod/prod.env',
  'sub/.runpod/dev.env',
  'other/x.runpod.json',
];
const ACTIVE = ['personal', 'TEAM', 'someone-else', undefined];

const CASES: { name: string; setting: Record<string, unknown>; environments: string[]; accounts: string[] }[] = [
  {
    name: 'declared environments with accounts, and one without',
    setting: { dev: { files: ['deploy/dev/*.env'], account: 'personal' }, production: { files: ['deploy/prod/**/*.env'], account: 'Team' }, qa: 'qa/*.env' },
    environments: ['dev=deploy/dev/*.env', 'production=deploy/prod/**/*.env', 'qa=qa/*.env'],
    accounts: ['dev=personal', 'prod=Team'],
  },
  {
    // On the command line an account may be given to an environment its files' names make; in the
    // setting the same is an entry whose globs match nothing.
    name: 'accounts of environments named by their files only',
    setting: { prod: { files: ['nothing/here/*.env'], account: 'team' }, dev: { files: ['nothing/there/*.env'], account: 'personal' } },
    environments: [],
    accounts: ['prod=team', 'dev=personal'],
  },
];

describe('the CLI and the language server judge the same files as another account\'s', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const editor = parseEnvironmentDeclarations(c.setting, isAccountName);
      expect(editor.problems).toEqual([]);
      const cli = environmentOptions(c.environments, 'check', c.accounts, () => undefined);
      let others = 0;
      for (const active of ACTIVE) {
        for (const path of PATHS) {
          const server = serverScope(path, () => TEXT, editor.declarations, { catalog: CATALOG, account: active });
          const here = cliScope(otherAccountOf(path, cli, active), TEXT, CATALOG, active);
          const at = { path, active };
          expect({ ...at, other: here.other }).toEqual({ ...at, other: server.other });
          expect({ ...at, judgedByList: here.catalog === CATALOG }).toEqual({ ...at, judgedByList: server.catalog === CATALOG });
          expect({ ...at, notes: here.notes.map((n) => [n.code, n.severity, n.span]) }).toEqual({ ...at, notes: server.notes.map((n) => [n.code, n.severity, n.span]) });
          if (server.other) others++;
        }
      }
      // The comparison is not empty: each active account has files of another.
      expect(others).toBeGreaterThanOrEqual(9);
    });
  }
});

/** Which environment a launch or push uses, and whether the active account may run it; the summary's lines. */
import { describe, expect, it } from 'vitest';
import { accountRefusal, chosenEnvironment, environmentLine, environmentOfEnvFile, environmentsForSource, launchEnvironment, launchTarget, pickRefusal, summaryRefusalLabel, wizardRefusal, type HasAccount } from '../../client/src/launch/environmentChoice';
import { cpuChoice } from '../../client/src/launch/gpuChoices';
import { summarize } from '../../client/src/launch/summary';
import { groupEnvironments } from '../../server/src/template/environments';

/** The editor holds every account named (Switch Account lists it). */
const held = (): boolean => true;

type Option = Parameters<typeof accountRefusal>[0];
/** The refusal's message, as Push Template and the summaries show it. */
const accountMismatch = (option: Option, active: string, has: HasAccount) => accountRefusal(option, { active, has })?.message;
/** The step it names, with words to follow (a picker's mark, the summary's label), under an account the option does not declare. */
const accountAction = (option: Option, has: HasAccount) => accountRefusal(option, { active: 'nobody', has })?.actionThen;
/** The refusal message's button. */
const accountRemedy = (option: Option, has: HasAccount) => accountRefusal(option, { active: 'nobody', has })?.remedy;
/** A wizard's refusal message (every account held). */
const wizardAccountMismatch = (option: Option, accounts: { activeAccount: () => string; flowAccount?: string }) => wizardRefusal(option, { hasAccount: held, ...accounts })?.message;

const declarations = [
  { name: 'dev', files: ['deploy/dev/*'], account: 'personal' },
  { name: 'prod', files: ['deploy/prod/*'], account: 'team' },
];
const groups = groupEnvironments(
  [
    'train.runpod.json',
    'train.dev.runpod.env',
    'train.prod.runpod.json',
    'train.prod.runpod.env',
    'train.staging.runpod.json',
    'deploy/dev/serve.runpod.env',
    'deploy/prod/serve.runpod.env',
  ],
  declarations,
);

describe('environmentsForSource', () => {
  it("a template's shared file: every environment, with its env file (a JSON-only environment has none) and the account declared for that environment's name", () => {
    expect(environmentsForSource(groups, { kind: 'file', path: 'train.runpod.json' })).toEqual({
      options: [
        { name: 'dev', envFile: 'train.dev.runpod.env', account: 'personal' },
        { name: 'prod', envFile: 'train.prod.runpod.env', templateFile: 'train.prod.runpod.json', account: 'team' },
        { name: 'staging', templateFile: 'train.staging.runpod.json' },
      ],
    });
  });

  it("an environment's own template file: that environment, fixed by its name", () => {
    const fixed = { name: 'prod', envFile: 'train.prod.runpod.env', templateFile: 'train.prod.runpod.json', account: 'team' };
    expect(environmentsForSource(groups, { kind: 'file', path: 'train.prod.runpod.json' })).toEqual({ options: [fixed], fixed });
  });

  it('an account template: the environments of the files named like it, with declared accounts', () => {
    expect(environmentsForSource(groups, { kind: 'account', templateName: 'serve' }, declarations).options).toEqual([
      { name: 'dev', envFile: 'deploy/dev/serve.runpod.env', account: 'personal' },
      { name: 'prod', envFile: 'deploy/prod/serve.runpod.env', account: 'team' },
    ]);
    expect(environmentsForSource(groups, { kind: 'account', templateName: 'vllm-serve' })).toEqual({ options: [] });
  });

  it("a template file of one environment alone is that environment, fixed, with the account declared for it", () => {
    const lone = groupEnvironments(['solo.prod.runpod.json', 'other.qa.runpod.json'], declarations);
    const fixed = { name: 'prod', templateFile: 'solo.prod.runpod.json', account: 'team' };
    expect(environmentsForSource(lone, { kind: 'file', path: 'solo.prod.runpod.json' }, declarations)).toEqual({ options: [fixed], fixed });
    expect(environmentsForSource(lone, { kind: 'file', path: 'other.qa.runpod.json' }, declarations)).toEqual({ options: [] });
  });

  it('a Hub listing or template file declared for one environment alone is fixed to it, so Deploy from it keeps the account guard', () => {
    const work = [{ name: 'prod', files: ['prod/**'], account: 'work' }];
    const hub = 'prod/.runpod/hub.json';
    const lone = groupEnvironments([hub, 'prod/serve.runpod.json'], work);
    // A Hub listing is no template file: fixed to its environment, with no templateFile.
    const hubFixed = { name: 'prod', account: 'work' };
    expect(environmentsForSource(lone, { kind: 'file', path: hub }, work)).toEqual({ options: [hubFixed], fixed: hubFixed });
    expect(accountMismatch(environmentsForSource(lone, { kind: 'file', path: hub }, work).fixed, 'personal', held)).toMatch(/^Environment prod runs under the RunPod account work/);
    const jsonFixed = { name: 'prod', templateFile: 'prod/serve.runpod.json', account: 'work' };
    expect(environmentsForSource(lone, { kind: 'file', path: 'prod/serve.runpod.json' }, work)).toEqual({ options: [jsonFixed], fixed: jsonFixed });
  });

  it('an env file picked by hand names its environment', () => {
    expect(environmentOfEnvFile(groups, 'deploy/prod/serve.runpod.env')).toEqual({ name: 'prod', envFile: 'deploy/prod/serve.runpod.env', account: 'team' });
    expect(environmentOfEnvFile(groups, 'other.runpod.env')).toBeUndefined();
  });

  it("an env file of one environment alone still runs under the account declared for it (the guard needs no sibling)", () => {
    const lone = groupEnvironments(['deploy/prod/api.runpod.env', 'solo.prod.runpod.env', 'other.qa.runpod.env'], declarations);
    expect(environmentOfEnvFile(lone, 'deploy/prod/api.runpod.env', declarations)).toEqual({ name: 'prod', envFile: 'deploy/prod/api.runpod.env', account: 'team' });
    expect(environmentOfEnvFile(lone, 'solo.prod.runpod.env', declarations)).toEqual({ name: 'prod', envFile: 'solo.prod.runpod.env', account: 'team' });
    expect(accountMismatch(environmentOfEnvFile(lone, 'solo.prod.runpod.env', declarations), 'personal', held)).toMatch(/^Environment prod runs under the RunPod account team/);
    // No account declared for it: nothing to guard, so no environment is claimed (as before).
    expect(environmentOfEnvFile(lone, 'other.qa.runpod.env', declarations)).toBeUndefined();
  });
});

describe('template file or env file: the kind rule (fileKinds.ts kindOfSelected), as the CodeLens and Launch Pod read a file', () => {
  const declared = [
    { name: 'dev', files: ['deploy/dev/**'] },
    { name: 'prod', files: ['deploy/prod/**'] },
  ];
  const files = ['deploy/dev/serve.env', 'deploy/prod/serve.env', 'deploy/prod/serve.toml', 'deploy/dev/.runpod/hub.json', 'deploy/prod/.runpod/hub.json', 'deploy/prod/serve.jsonc'];
  const declaredGroups = groupEnvironments(files, declared);

  it('a declared TOML file is no env file: the env file merged is the env lines one', () => {
    expect(environmentOfEnvFile(declaredGroups, 'deploy/prod/serve.env', declared)).toEqual({ name: 'prod', envFile: 'deploy/prod/serve.env', templateFile: 'deploy/prod/serve.jsonc' });
  });

  it('a declared Hub listing is no template file (nor an env file): its environments offer neither', () => {
    expect(environmentsForSource(declaredGroups, { kind: 'file', path: 'deploy/dev/.runpod/hub.json' }, declared).options).toEqual([{ name: 'dev' }]);
  });
});

describe('chosenEnvironment', () => {
  const fixed = environmentsForSource(groups, { kind: 'file', path: 'train.prod.runpod.json' }).fixed;
  it("the env file's environment, else the template file's own (without its files: the env files are the ones chosen)", () => {
    const prod = environmentOfEnvFile(groups, 'train.prod.runpod.env');
    expect(chosenEnvironment(prod, fixed)).toBe(prod);
    expect(chosenEnvironment(undefined, fixed)).toEqual({ name: 'prod', account: 'team' });
    expect(accountMismatch(chosenEnvironment(undefined, fixed) ?? undefined, 'personal', held)).toMatch(/^Environment prod runs under the RunPod account team/);
    expect(chosenEnvironment(undefined, undefined)).toBeNull();
  });

  it("another environment's env file under another account keeps the template's environment, and is refused under every account", () => {
    const dev = environmentOfEnvFile(groups, 'train.dev.runpod.env')!;
    const mixed = chosenEnvironment(dev, fixed)!;
    expect(mixed).toEqual({ ...dev, templateEnvironment: { name: 'prod', account: 'team' } });
    const refusal =
      "The env file is of environment dev (account personal), but the template file is of environment prod (account team): prod's template would run with dev's variables under another account. Choose prod's own env file, or no env file, then try again.";
    for (const active of ['personal', 'team']) expect(accountMismatch(mixed, active, held)).toBe(refusal);
    expect(accountAction(mixed, held)).toBe("choose prod's own env file, or no env file,");
  });

  it('the accounts differ when the template declares one the env file does not, or either is not a valid name; not when they agree or the template declares none', () => {
    const prod = { name: 'prod', account: 'team' };
    const differ = (env: object, template: object) => chosenEnvironment({ name: 'dev', ...env }, template as never)?.templateEnvironment !== undefined;
    expect(differ({}, prod)).toBe(true);
    expect(differ({ account: 'TEAM' }, prod)).toBe(false);
    expect(differ({ account: 'personal' }, { name: 'prod' })).toBe(false);
    expect(differ({ invalidAccount: true }, { name: 'prod' })).toBe(true);
    expect(differ({ account: 'team' }, { name: 'prod', invalidAccount: true })).toBe(true);
    // The template's own environment, even with an invalid account, is judged alone (its own refusal).
    expect(chosenEnvironment({ name: 'prod', invalidAccount: true }, { name: 'prod', invalidAccount: true })).toEqual({ name: 'prod', invalidAccount: true });
    expect(accountMismatch({ name: 'dev', invalidAccount: true, templateEnvironment: { name: 'prod' } }, 'x', held)).toMatch(/^The env file is of environment dev \(account in runpod\.environments not valid\), but the template file is of environment prod \(no account declared\)/);
  });
});

describe('accountMismatch', () => {
  const prod = { name: 'prod', account: 'team' };
  it('blocks another active account and says which to switch to', () => {
    expect(accountMismatch(prod, 'personal', held)).toBe(
      'Environment prod runs under the RunPod account team, but the active account is personal. Switch to account team first (RunPod: Switch Account...), then try again.',
    );
  });
  it('names Add Account when the editor holds no account of that name (Switch Account would not list it)', () => {
    const onlyDefault = (name: string) => name.toLowerCase() === 'default';
    expect(accountMismatch(prod, 'default', onlyDefault)).toBe(
      'Environment prod runs under the RunPod account team, but the active account is default. No account named team is added in this editor: add account team first (RunPod: Add Account...), then try again.',
    );
    expect(accountAction(prod, onlyDefault)).toBe('add account team');
  });
  it('offers the command that takes the step it names as a button: Switch Account…, Add Account…, the setting; none for a choice of env file', () => {
    expect(accountRemedy(prod, held)).toEqual({ title: 'Switch Account…', command: 'runpod.switchAccount' });
    expect(accountRemedy(prod, () => false)).toEqual({ title: 'Add Account…', command: 'runpod.addAccount', args: ['team'] });
    expect(accountRemedy({ name: 'prod', invalidAccount: true }, held)).toEqual({ title: 'Open Settings', command: 'workbench.action.openSettings', args: ['runpod.environments'] });
    expect(accountRemedy({ name: 'dev', account: 'personal', templateEnvironment: prod }, held)).toBeUndefined();
  });
  it('lets the same account (any case) through, and anything when no account is declared', () => {
    expect(accountMismatch(prod, 'Team', held)).toBeUndefined();
    expect(accountMismatch({ name: 'dev' }, 'personal', held)).toBeUndefined();
    expect(accountMismatch(undefined, 'personal', held)).toBeUndefined();
  });
});

describe('an environment whose declared account is not a valid name', () => {
  const invalid = [{ name: 'prod', files: ['deploy/prod/*'], invalidAccount: true as const }, { name: 'dev', files: ['deploy/dev/*'], account: 'personal' }];
  const refusal =
    "Environment prod cannot be used: its \"account\" in the runpod.environments setting is not a valid account name (1 to 24 ASCII letters, digits, '-' or '_', starting with an ASCII letter or a digit), so it is not run under whichever account is active. Set it to the name of one of your RunPod accounts (the name shown by RunPod: Switch Account...), then try again.";

  it('refuses under every account, and says why and how to fix it', () => {
    const grouped = groupEnvironments(['deploy/prod/api.runpod.env', 'deploy/dev/api.runpod.env'], invalid);
    const prod = environmentOfEnvFile(grouped, 'deploy/prod/api.runpod.env', invalid);
    expect(prod).toEqual({ name: 'prod', envFile: 'deploy/prod/api.runpod.env', invalidAccount: true });
    expect(accountMismatch(prod, 'personal', held)).toBe(refusal);
    expect(accountMismatch(prod, 'team', held)).toBe(refusal);
    expect(wizardAccountMismatch(prod, { activeAccount: () => 'personal', flowAccount: 'personal' })).toBe(refusal);
    expect(environmentsForSource(grouped, { kind: 'account', templateName: 'api' }, invalid).options.map((o) => accountMismatch(o, 'personal', held))).toEqual([undefined, refusal]);
  });

  it('a file of that environment alone is still claimed by it, so it is refused too', () => {
    const lone = groupEnvironments(['deploy/prod/api.runpod.env', 'solo.prod.runpod.json'], invalid);
    expect(accountMismatch(environmentOfEnvFile(lone, 'deploy/prod/api.runpod.env', invalid), 'personal', held)).toBe(refusal);
    expect(accountMismatch(environmentsForSource(lone, { kind: 'file', path: 'solo.prod.runpod.json' }, invalid).fixed, 'personal', held)).toBe(refusal);
  });

  it("a template file of that environment is refused with no env file or a neutral one too (the chosen environment keeps invalidAccount)", () => {
    const grouped = groupEnvironments(['worker.runpod.json', 'worker.prod.runpod.json', 'worker.dev.runpod.env'], invalid);
    const lone = groupEnvironments(['solo.prod.runpod.json'], invalid);
    for (const [source, path] of [[grouped, 'worker.prod.runpod.json'], [lone, 'solo.prod.runpod.json']] as const) {
      const invalidFixed = environmentsForSource(source, { kind: 'file', path }, invalid).fixed;
      expect(invalidFixed).toMatchObject({ name: 'prod', invalidAccount: true });
      const chosen = chosenEnvironment(undefined, invalidFixed) ?? undefined;
      expect(accountMismatch(chosen, 'personal', held)).toBe(refusal);
      expect(accountMismatch(chosen, 'team', held)).toBe(refusal);
      // The template's own env files are not the chosen ones: none of them rides along.
      expect(chosen).toEqual({ name: 'prod', invalidAccount: true });
    }
  });

  it("the summary says the environment's account is not valid, and the pickers what to do", () => {
    expect(environmentLine({ name: 'prod', invalidAccount: true })).toBe('Environment: prod (account in runpod.environments not valid)');
    expect(accountAction({ name: 'prod', invalidAccount: true }, held)).toBe("correct prod's account in runpod.environments");
    expect(accountAction({ name: 'prod', account: 'team' }, held)).toBe('switch to account team');
  });
});

describe('wizardAccountMismatch', () => {
  const prod = { name: 'prod', account: 'team' };
  it("judges the environment against the flow's account while it is the active one", () => {
    expect(wizardAccountMismatch(prod, { activeAccount: () => 'personal', flowAccount: 'personal' })).toBe(accountMismatch(prod, 'personal', held));
    expect(wizardAccountMismatch(prod, { activeAccount: () => 'personal' })).toBe(accountMismatch(prod, 'personal', held));
    expect(wizardAccountMismatch(prod, { activeAccount: () => 'team', flowAccount: 'team' })).toBeUndefined();
  });
  it('says nothing once another account is active: the switch is the reason, said by the bound client', () => {
    // Declared for the flow's account, or for the one switched to: neither asks to switch.
    expect(wizardAccountMismatch(prod, { activeAccount: () => 'personal', flowAccount: 'team' })).toBeUndefined();
    expect(wizardAccountMismatch(prod, { activeAccount: () => 'team', flowAccount: 'personal' })).toBeUndefined();
  });
});

describe('pickRefusal and the summary: the same rule, at the pick and as the last guard', () => {
  const prod = { name: 'prod', account: 'team' };
  const accounts = (active: string, hasAccount: HasAccount = held) => ({ activeAccount: () => active, hasAccount });
  const refusal = (option: Option, a: Parameters<typeof wizardRefusal>[1]) => wizardRefusal(option, a);
  it('refuse what wizardRefusal refuses, and nothing else', () => {
    expect(pickRefusal(refusal(prod, accounts('personal')), 'launch')).toBe('Cannot launch with that choice: switch to account team first, or pick another');
    expect(pickRefusal(refusal(prod, accounts('personal', () => false)), 'deploy')).toBe('Cannot deploy with that choice: add account team first, or pick another');
    expect(pickRefusal(refusal({ name: 'dev', account: 'personal', templateEnvironment: prod }, accounts('team')), 'launch')).toBe("Cannot launch with that env file: choose prod's own env file, or no env file");
    for (const ok of [prod, null, undefined, { name: 'dev' }]) expect(pickRefusal(refusal(ok, accounts('team')), 'launch')).toBeUndefined();
    // After a switch the bound client says why: nothing refused here.
    expect(pickRefusal(refusal(prod, { ...accounts('personal'), flowAccount: 'team' }), 'launch')).toBeUndefined();
    const summary = refusal(prod, accounts('personal', () => false))!;
    expect({ label: summaryRefusalLabel(summary, 'launch'), message: summary.message, remedy: summary.remedy }).toEqual({
      label: '$(circle-slash) Cannot launch: add account team first',
      message: accountMismatch(prod, 'personal', () => false),
      remedy: { title: 'Add Account…', command: 'runpod.addAccount', args: ['team'] },
    });
    expect(refusal(prod, accounts('team'))).toBeUndefined();
  });

  it("when every choice is refused (the template file's own environment is), the pick says the step outside the wizard, not 'pick another'", () => {
    const mixed = { name: 'dev', account: 'personal', templateEnvironment: prod };
    const every = refusal(prod, accounts('personal'));
    expect(pickRefusal(refusal(prod, accounts('personal')), 'deploy', every)).toBe('Cannot deploy with any env file or none: switch to account team first (Esc, then RunPod: Switch Account...)');
    expect(pickRefusal(refusal(mixed, accounts('personal')), 'launch', every)).toBe('Cannot launch with any env file or none: switch to account team first (Esc, then RunPod: Switch Account...)');
    const toAdd = refusal(prod, accounts('personal', () => false));
    expect(pickRefusal(toAdd, 'launch', toAdd)).toBe('Cannot launch with any env file or none: add account team first (Esc, then RunPod: Add Account...)');
    const invalid = refusal({ name: 'prod', invalidAccount: true }, accounts('personal'));
    expect(pickRefusal(invalid, 'launch', invalid)).toBe("Cannot launch with any env file or none: correct prod's account in runpod.environments first (Esc, then Preferences: Open Settings (UI))");
  });
});

describe('the summary', () => {
  const base = { source: 'file train.runpod.json', envFile: 'train.prod.runpod.env', body: { name: 'train', image: 'i' }, compute: cpuChoice(), env: [] };

  it('names the environment and its account', () => {
    const summary = summarize({ ...base, environment: { name: 'prod', account: 'team' } });
    expect(summary.lines.slice(0, 4)).toEqual(['Pod: train', 'From: file train.runpod.json', "Env file: train.prod.runpod.env (its variables override the template's)", 'Environment: prod (account team)']);
    expect(summary.flagged).toEqual([]);
  });

  it("flags another account's environment", () => {
    const accountProblem = accountMismatch({ name: 'prod', account: 'team' }, 'personal', held)!;
    const summary = summarize({ ...base, environment: { name: 'prod', account: 'team' }, accountProblem });
    expect(summary.lines[4]).toBe(accountProblem);
    expect(summary.flagged).toEqual([4]);
  });
});

describe('launchTarget: the environment the checks judge a launch as', () => {
  const file = (path: string, declared: readonly (typeof declarations)[number][] = []) => ({ path, declarations: declared });

  it("is a file's own environment by the file rule, alone and with no account declared (the guard has none)", () => {
    const files = { envFile: file('solo.prod.runpod.env') };
    expect(launchEnvironment([], files)).toBeNull();
    expect(launchTarget([], files)).toEqual({ name: 'prod', environments: ['prod'] });
  });

  it("is the env file's before the template file's, with the names of every group; a neutral file and a shared template have none", () => {
    expect(launchTarget(groups, { templateFile: file('train.prod.runpod.json'), envFile: file('train.dev.runpod.env') })).toMatchObject({ name: 'dev' });
    expect(launchTarget(groups, { templateFile: file('train.prod.runpod.json'), envFile: file('other.env') })).toMatchObject({ name: 'prod', environments: expect.arrayContaining(['dev', 'prod']) });
    expect(launchTarget(groups, { templateFile: file('train.runpod.json'), envFile: file('other.env') })).toBeUndefined();
  });

  it('is a declared file\'s environment, and an environment chosen (an account template) when no file says one', () => {
    expect(launchTarget([], { envFile: file('deploy/prod/vars.txt', declarations) })).toMatchObject({ name: 'prod' });
    expect(launchTarget(groups, {}, { name: 'dev' })).toMatchObject({ name: 'dev' });
  });
});

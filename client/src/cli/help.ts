/** Help texts, one per command; `--help` prints them on stdout. */
import { DEFAULT_PATTERNS } from './check/discover';
import { EXIT, PROGRAM } from './errors';
import { CHECK_FORMATS } from './check/format';
import { ANALYSIS_LIMIT_TEXT, SEARCH_LIMIT_TEXT } from './check/readFound';
import { MAX_SECRETS_FILE_BYTES } from './check/secretsFile';
import { MAX_WORKSPACE_FILE_BYTES } from './fileRead';
import { ENVIRONMENT_WORDS } from '../../../server/src/template/environments/words';
import { DIFFERENT_ACCOUNTS } from '../../../server/src/template/environments/accounts';
import { MAX_LISTED_PROBLEMS } from '../../../server/src/template/problemLimit';
import { SEVERITY_LEVELS } from '../../../server/src/template/severity';
import { DEFAULT_SEVERITY } from '../../../server/src/template/types';
import { DEFAULT_ROTATION_DAYS } from '../../../server/src/template/valueAge';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS } from '../runpod/timeout';
import { DEFAULT_BASE_URL } from '../runpod/baseUrl';
import { ACCOUNT_ENV, API_KEY_ENV, API_URL_ENV, CONFIG_FILE_ENV, TIMEOUT_ENV } from '../runpod/environmentVariables';
import { DEFAULT_LOG_IDLE_TIMEOUT_MS, LOG_BACKFILL, LOG_MAX_RECONNECTS, MAX_LOG_TAIL } from '../runpod/logStream';
import { CLOUDS } from '../runpod/clouds';
import { ENDPOINT_FIELDS, GPU_POOLS_ONLY } from '../serverless/endpointSource';
import { ENDPOINT_DEFAULTS, IDLE_TIMEOUT_MEANING, MIN_WORKERS_BILLED, WORKER_LIMITS } from '../serverless/endpointBody';
import { bytesInWords, grouped } from '../../../server/src/template/counts';
import { accountUse } from './commands';
import { CHOOSES_KEY } from './keySource';
import { HISTORY_ENV } from './history';

const HISTORY_FILE = '$XDG_STATE_HOME/runpod-check/history.jsonl, default ~/.local/state/...';

/**
 * The options run() takes before any command (globalOptions.ts), so every command's help says them:
 * helpFor adds them to the help of each command where --account chooses the key (commands.ts).
 */
const OPTIONS_OF_EVERY_COMMAND = `Options of every command:
  --account NAME     the key of account NAME: ${API_KEY_ENV}_<NAME> (upper-cased, - as _), else
                     the [NAME] table of the RunPod CLI config; never ${API_KEY_ENV}
  --profile NAME     the key of the [NAME] table of the RunPod CLI config
  --verbose          say on stderr where the key came from (never the key)
`;

/** What the environment sets: every command that calls the API (helpFor adds where the key comes from). */
const ENVIRONMENT_VARIABLES = `Environment:
  ${API_KEY_ENV}     API key (read only from the environment or the config, never from an argument)
  ${ACCOUNT_ENV}     like --account
  ${CONFIG_FILE_ENV} the RunPod CLI config (default ~/.runpod/config.toml: api_key in [default],
                     else runpodctl's apikey; read when ${API_KEY_ENV} is unset, never written)
  ${API_URL_ENV}     API base URL (default ${DEFAULT_BASE_URL}; http:// only for loopback)
  ${TIMEOUT_ENV}  per-request timeout in milliseconds (default ${DEFAULT_TIMEOUT_MS}, ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS})
`;

const ENVIRONMENT = `${ENVIRONMENT_VARIABLES}
Exit codes: 0 success, 1 findings (check problems, refused launch), 2 usage or API error,
${EXIT.cancelled} cancelled with Ctrl+C: at a prompt, or while a write was in flight (it may or may not have taken effect),
${EXIT.terminated} SIGTERM, ${EXIT.hungUp} SIGHUP (the terminal closed) during secrets rotate --restart (what was answered is recorded first).
`;

const POD_ACTION = `Each Pod is asked in turn, as the editor's Start, Stop and Restart ask (POST /pods/{id}/action);
a line per Pod says its new status, or why RunPod refused (409 when the Pod's state does not
allow it). --json prints a result per Pod. Exit 2 when any Pod failed.
`;

const LOGS = `Prints the log, one line each: time, source (container or system), the line. Lines are the
container's own output: escape sequences and control characters are shown as \\u001b-style escapes,
never passed to the terminal. A line showing a {{ RUNPOD_SECRET_name }} that was not substituted,
or an image pull the registry refused, gets a note on stderr saying what to fix.

Options:
  -f, --follow           keep printing new lines until Ctrl+C (exit 0); a dropped connection is
                         resumed where it stopped, without repeating or losing a line; a stream
                         that sends no byte for ${DEFAULT_LOG_IDLE_TIMEOUT_MS / 1000} s (not even a keep-alive) is taken
                         as dropped, and after ${LOG_MAX_RECONNECTS} failed reconnections in a row it ends (exit 2).
                         Without --follow the whole read is given ${TIMEOUT_ENV}, as any request
  --tail N               lines of history first (0 to ${MAX_LOG_TAIL}, default ${LOG_BACKFILL})
  --source S             container or system (default both)
`;

const ENVS = `Compares the environments of each template: one row per key, one column per environment,
saying which secret each uses, '(plain value)' for a value without a reference (never the value
itself), '(missing)', and a status: missing in an environment, a secret named for another
environment (prod using db_password_dev), differs, same, or '${DIFFERENT_ACCOUNTS}' (the
environments run under different accounts: two secrets). No API call is made. Files are found
and read as check finds and reads them (a file over ${ANALYSIS_LIMIT_TEXT} is
compared up to there, and said so).

Environments: by name, in one folder, NAME.ENV.runpod.env and NAME.ENV.runpod.json (a template's
files per environment), ENV.runpod.env and .runpod/ENV.env (the folder's), where ENV is one of
  ${ENVIRONMENT_WORDS.join(' ')}
(aliases such as production and prod name one environment); NAME.runpod.env and NAME.runpod.json
are shared by all. Or declared with --environment NAME=GLOB, matched by file name across folders.

Options:
  --json                 [{template, heading, environments, shared, rows: [{key, cells,
                         missingIn, crosses, differs, status}], missing, crossing, differing}]:
                         template is the label, heading the title the text prints, which tells
                         apart two templates of one label (app (deploy/dev/))
  --environment NAME=GLOB  files of environment NAME (repeatable), whatever their name
  --environment-account NAME=ACCOUNT  the account environment NAME runs under (repeatable),
                         shown beside its files (see '${PROGRAM} check --help')
  --account NAME         the active account, as every command takes it (also ${ACCOUNT_ENV}, or
                         --profile NAME when NAME is an account name): an environment that
                         declares none runs under it, so a secret name it shares with an
                         environment of another account is two secrets. No key is looked up;
                         a name that no table of the RunPod CLI config (when there is one), no
                         ${API_KEY_ENV}_<NAME> and no --environment-account knows is refused
  --files GLOB           RunPod JSON/TOML files to look for instead of the defaults (as check)

Exit codes: 0 nothing missing or crossing, 1 a key missing somewhere or a secret named for
another environment, 2 usage error or a path named that could not be read (the others are compared).
`;

/**
 * The warnings of pods launch, endpoints deploy and endpoints update (cli/preflightReport.ts), said
 * once for the three: the editor's Launch anyway / Cancel question, answered by default as a
 * compiler answers its warnings, and by --strict as check's --strict.
 */
const PREFLIGHT_WARNINGS = (verb: string) => `What the editor asks about before it goes ahead is a warning, one line each on stderr (a name,
never a value), and the ${verb} goes ahead: a value that looks like a credential in plain text
(hardcoded-credential), and a secret named for another environment than the one the files are for
(cross-environment-secret: prod's env file referring to db_password_dev). That environment is the
--vars-file's (train.prod.runpod.env, or one --environment declares), else the template file's by
its name (train.prod.runpod.json), as the editor's choice of env file decides it and as check judges
the file; the other environments are those of the files check finds in the working directory
(below the home folder), or, for files outside it, in their repository (the nearest folder above
them holding .git, below the home folder), else in their own folder.`;
const STRICT_OPTION = `  --strict               refuse on warnings too (exit 1, nothing sent), as check --strict does`;
/** What --json prints: `what` with the warnings. */
const WARNINGS_JSON = (what: string) => `  --json                 print ${what} as JSON, with "warnings": [{code, key, message}]
                         ([] when none; a plain credential warned of is redacted from its env;
                         cross-environment-secret adds "name", the secret, and "environments",
                         those its name marks); any refusal: {"refused": true, "warnings": [...],
                         "blocking": [{reason, ...}]}: key, name of an unresolved reference
                         (reason unknown, malformed, noncanonical, invalid-name), count of
                         too-many-variables, invalid-key, other-account (input, environment,
                         account), other-environment (input, environment, templateEnvironment);
                         [] when --strict refused on warnings alone; any other error adds
                         "error", the message stderr says, with both lists []`;

const HELP: Record<string, string> = {
  main: `Usage: ${PROGRAM} <command> [options]

Check RunPod template files for secret reference problems, and manage secrets, templates and Pods.

Commands:
  check [paths...]             analyze RunPod files (default: the current folder)
  secrets list|get|create|update|delete|usage|rotate
  templates list
  gpus list [--available]
  pods list|launch|start|stop|restart|terminate|logs
  endpoints list|workers|deploy|update|delete|logs
  envs compare [paths...]      keys x environments of templates with several environments

Run '${PROGRAM} <command> --help' for a command's options. '${PROGRAM} --version' prints the version.

${ENVIRONMENT}`,

  check: `Usage: ${PROGRAM} check [paths...] [options]

Analyzes RunPod files. Folders are searched recursively for the default patterns
  ${DEFAULT_PATTERNS.join('  ')}
and .env files (reference checks only, as the editor's Problems report them), skipping what the
editor's workspace index skips: node_modules, .git and folders a .gitignore ignores (the working
directory stands for the workspace folder: its .gitignore files count down to the folders named).
A file or folder named explicitly is checked even when ignored, as git add -f takes it; a file
named is checked whatever its name; .env, .env.* and *.env files as dotenv. A path named that
cannot be read (missing, a FIFO, a link out or nowhere, a folder with no RunPod file, a pattern
nothing matched), and --files globs none of which matched a file, is one error line each; the others are still checked, and the run
exits 2. A --files glob that matched no file beside one that did is a warning (--files replaces the defaults:
repeat them, and a missing tests.json fails nothing). With no path named and no file found, a warning says so
(exit 0): in CI, name the folders to check.
A file over ${ANALYSIS_LIMIT_TEXT} (variables, keys, and lines reported
without one) is checked up to there, as in the editor, and a file-too-large finding says where
checking stopped and which limit stopped it.
At most ${grouped(MAX_LISTED_PROBLEMS)} findings of each code are printed per file, as the editor lists them; a
too-many-problems finding says how many more of that code there are.

Output: file:line:col: severity code message   (1-based; columns in UTF-16 code units, as in LSP;
a line break or control character in a path is shown as its \\u000a-style escape)

Options:
  -f, --format ${CHECK_FORMATS.join('|')}  json: [{file,line,column,endLine,endColumn,severity,code,message}]
                                (end exclusive); sarif: SARIF 2.1.0 for code scanning
  --json                        --format json, as other commands spell it
  --strict                      exit 1 on warnings too, not only errors
  --secrets-file FILE           known secret names, one per line, # comments (used when
                                there is no API key, or when the API fails; with a key the
                                API list is used); at most ${bytesInWords(MAX_SECRETS_FILE_BYTES)}, a larger file is refused
  --files GLOB                  RunPod JSON/TOML files to look for instead of the defaults above
                                (repeatable; the runpod.files setting's syntax, relative to the
                                working directory as the setting's are to the workspace folder)
  --severity CODE=LEVEL         override a code's severity (${SEVERITY_LEVELS.join(', ')});
                                repeatable; like the runpod.diagnostics.severity setting
  --rotation-days N             report secret-rotation-due (${DEFAULT_SEVERITY['secret-rotation-due']}) on references to secrets whose
                                value is older than N days (needs an API key for the dates:
                                a --secrets-file has names only); 0, the default, is off (unlike
                                the editor's runpod.secrets.rotationDays, ${DEFAULT_ROTATION_DAYS})

  --environment NAME=GLOB       files of environment NAME (repeatable), like the
                                runpod.environments setting (read whatever their name: JSON by
                                extension, else env lines); besides the names train.dev.runpod.env,
                                train.prod.runpod.env… that make environments by themselves
  --environment-account NAME=ACCOUNT
                                the account environment NAME (declared or named) runs under
                                (repeatable), like the setting's "account". When the key names
                                an account (--account, ${ACCOUNT_ENV}, --profile) and a file's
                                environment runs under another, the file is not judged against
                                this account's secrets: an other-account note (information)
                                instead, its other findings kept. A bare ${API_KEY_ENV} or no
                                key names no account: then every file is judged. With --account,
                                --secrets-file is that account's list, used when the API fails or
                                when the account has no key (a fork's pull request): the run is
                                then judged by the file, exit 0 or 1 by its findings

Files of one template in several environments are checked together: missing-in-environment,
cross-environment-secret and shared-environment-secret (see '${PROGRAM} envs --help'); a file of
one environment alone still gets cross-environment-secret.
Without an API key and --secrets-file, unknown-secret checks are skipped (noted on stderr).
When the API fails (rate limited, down, unreachable; not a rejected key or a wrong API URL),
every other finding is still printed, unknown-secret is judged by --secrets-file or skipped
(noted on stderr), and the exit code is 2 whatever the findings: the account was not checked.
Then --format json is still the array of findings (exit 2 and the note say the rest), and the
SARIF's invocation says executionSuccessful: false with the reason; don't upload that SARIF to
code scanning (it would close the unknown-secret alerts it could not judge: see docs/ci.md).

${ENVIRONMENT_VARIABLES}
Exit codes: 0 success, 1 findings (errors; warnings too with --strict), 2 usage or API error, or a
path named that could not be read.
`,

  secrets: `Usage: ${PROGRAM} secrets <list|get|create|update|delete|usage|rotate> [NAME] [options]

  list                   name, description, created (--json for all metadata)
  get NAME               metadata of one secret (values are never shown: RunPod never returns them)
  create NAME            value from standard input or --value-file [--description D]
  update NAME            new value and/or --description D ('' clears it)
  delete NAME            names the account's uses, then asks to type the name unless --yes
  usage NAME [paths...]  where it is referenced: files (like check) and the account's templates,
                         Pods and endpoints
  rotate NAME            new value, then the running Pods that still have the old one (and the
                         pods restart command for them) [--restart]

Values are never taken from an argument: other users can read a process's arguments.
Changes are appended to the secret history the editor shows (${HISTORY_FILE}, mode 0600,
never a value); ${HISTORY_ENV}=off turns that off.

${ENVIRONMENT}`,

  'secrets list': `Usage: ${PROGRAM} secrets list [--json]\n\nLists the account's secrets: name, description, created.\n`,
  'secrets get': `Usage: ${PROGRAM} secrets get NAME [--json]\n\nPrints a secret's metadata (never its value).\n`,
  'secrets create': `Usage: ${PROGRAM} secrets create NAME [--description D] [--value-file FILE] [--json]

Reads the value from --value-file FILE, else from standard input (also named by --value-file -):
piped (one trailing line break is dropped), or typed at a hidden prompt on a terminal. --value is refused: arguments are visible
to other users and kept in shell history.
A secret of the account named the same but for case or - and _ (HF_TOKEN beside hf-token) is warned
of on stderr, as the editor warns, and the secret is created; --json prints its metadata with
"warnings": [message] ([] when none).
Example: printf %s "$HF_TOKEN" | ${PROGRAM} secrets create hf-token --description "HF read token"
`,
  'secrets update': `Usage: ${PROGRAM} secrets update NAME [--description D] [--value-file FILE]

Without --description a new value is required (--value-file, pipe or hidden prompt). With
--description only the description changes unless --value-file is given: standard input is not
read then (a piped value is ignored; \`--value-file -\` takes the value from standard input).
A new value takes effect the next time a Pod that references it boots.
Example: printf %s "$TOKEN" | ${PROGRAM} secrets update hf-token --description "HF" --value-file -
`,
  'secrets usage': `Usage: ${PROGRAM} secrets usage NAME [paths...] [--files GLOB] [--environment NAME=GLOB]
       [--environment-account NAME=ACCOUNT] [--json]

Lists where a secret is referenced: in the files under the paths (default the current folder; the
walk and the patterns of check, --files as there, and .env files, whose references the editor
counts too), one line per reference (file:line:column of the name, the
variable, and whether RunPod substitutes it; as the editor's Find Usages, a mention in a comment,
in a field RunPod does not substitute or outside {{ }} is none), and, with ${API_KEY_ENV}, the account's templates,
Pods and endpoints whose env references it (one list call per type).
A file over ${SEARCH_LIMIT_TEXT} is searched up to there, as the editor's
index reads it, and said so on stderr. A type the account could not list is named as not checked
(never counted as 0), and --json has "accountChecked": false.
A NAME that is no secret on the account (a typo, a deleted secret) is said on stderr with the
close name and the command that creates it; --json has "secretOnAccount" (null when the secret
list could not be read).
With --environment-account (and --environment, as for check), a file of an environment that runs
under another account than the key's is not counted (there the name is another account's
secret) and a note says which; --json lists them in "otherAccounts".
Exit 0; 2 when an API key was given (or --account/--profile asked for one) and the account could
not be read, or when a path named could not be read (the others are searched); without any key only
files are searched (exit 0, the account named as not checked).
`,
  'secrets rotate': `Usage: ${PROGRAM} secrets rotate NAME [--value-file FILE] [--restart] [--json]

Sets a new value (from --value-file, else standard input or a hidden prompt, as secrets update),
then lists what the new value means on the account: running Pods keep the old value until they
restart; templates, endpoints and stopped Pods pick it up at their next boot. --restart restarts
the running Pods (each restart ends what the Pod is running) and prints a result per Pod; exit 2
when a restart failed or the Pods could not be listed (the value is changed either way). Without
--restart, or for the Pods that failed, it prints the command that restarts them later:
${PROGRAM} pods restart ID [ID...]
The history records the value change, then one entry for the restarts, as the editor does.
Ctrl+C (SIGINT), SIGTERM or SIGHUP during the restarts starts no more: the answered ones are recorded
and printed, then exit ${EXIT.cancelled} (${EXIT.terminated} for SIGTERM, ${EXIT.hungUp} for SIGHUP). --json prints one document either way:
{secret, restart, booting, nextBoot, unchecked, restarted} (a restart RunPod may have acted on
despite the error, a 5xx or a lost answer, has "mayHaveRestarted": true), and when interrupted "interrupted"
(the signal), "unanswered" (sent, outcome unknown) and "notRestarted" (never sent); interrupted
while the account was listed, the lists are empty and "unchecked" names every kind. A failure before
it prints {"error": the message stderr says} instead (no "secret": the value did not change, or may
not have, as the message says). A signal during the value change itself ends the command as any write's
Ctrl+C does: no document.
`,
  'secrets delete': `Usage: ${PROGRAM} secrets delete NAME [--yes]

First lists the account's templates, Pods and endpoints that reference the secret and what the
delete does to each (one list call per type, as secrets usage); a type that could not be listed is
said not checked; when none could be read because of the key, the API URL or the connection, it
stops there (exit 2) without asking. Then asks to type the secret name to confirm; without a
terminal, --yes is required. Templates, Pods and endpoints that still reference the secret fail at their next boot.
--json prints {deleted, account, accountChecked, unchecked}; the list goes to stderr.
`,
  templates: `Usage: ${PROGRAM} templates list [--json]\n\nLists the account's templates: id, name, image, number of env variables.\n\n${ENVIRONMENT}`,
  'templates list': `Usage: ${PROGRAM} templates list [--json]\n\nLists the account's templates: id, name, image, number of env variables.\n`,
  gpus: `Usage: ${PROGRAM} gpus list [--available] [--json]\n\nLists GPU types (use the ID with pods launch --gpu). --available shows availability per cloud\nand leaves out types that cannot be rented now.\n\n${ENVIRONMENT}`,
  'gpus list': `Usage: ${PROGRAM} gpus list [--available] [--json]\n\nLists GPU types (use the ID with pods launch --gpu). --available shows availability per cloud\nand leaves out types that cannot be rented now.\n`,
  pods: `Usage: ${PROGRAM} pods <list|launch|start|stop|restart|terminate|logs> [options]

  list [--json]
  launch (--template-file F | --template-id ID) --gpu ID [--gpu-count N] [--cloud ${CLOUDS.join('|')}]
         [--vars-file F] [--name N] [--environment NAME=GLOB] [--environment-account NAME=ACCOUNT]
         [--strict] [--json]
  start|stop|restart ID [ID...] [--json]
  terminate ID [--yes]
  logs ID [--follow] [--tail N] [--source container|system]

${ENVIRONMENT}`,
  'pods list': `Usage: ${PROGRAM} pods list [--json]\n\nLists the account's Pods: id, name, status, GPU, cloud, created.\n`,
  'pods launch': `Usage: ${PROGRAM} pods launch (--template-file F | --template-id ID) --gpu ID [options]

Creates a Pod. The env is the template's env with --vars-file merged over it (the file wins per
key); an environment's env file (train.dev.runpod.env) brings the file its template's environments
share (train.runpod.env) under it, as the editor's Launch Pod does (said on stderr); a template file's "templateId" (the account's or a public template) is read first and its env
merged under the file's, as RunPod does. Before anything is created, every {{ RUNPOD_SECRET_name }}
of that env is checked against a fresh list of the account's secrets; while any is unknown, malformed
or spaced other than RunPod documents, the launch is refused (exit 1) and each is listed, because
RunPod would boot the Pod with the literal placeholder. Every field sent is printed to stderr first.
${PREFLIGHT_WARNINGS('launch')}

Options:
  --template-file F      a *.runpod.json template or Pod body (name, image, env, ports, ...);
                         JSON with comments, read as the editor reads it
  --template-id ID       a template of the account (or a public one)
  --gpu ID               GPU type id, e.g. "NVIDIA GeForce RTX 4090" (see gpus list --available);
                         optional when the template file has "gpu" or "cpu"; checked against
                         the GPU catalog before anything else is sent (a short name like
                         "RTX 4090" is refused with the id it means)
  --gpu-count N          default the template file's gpu.count when --gpu is its GPU type, else 1;
                         at most the GPU type's maxCount in the catalog (see gpus list), checked
                         with the id
  --cloud ${CLOUDS.join('|')}
  --vars-file F          KEY=VALUE lines (the .env syntax of *.runpod.env files; a *.runpod.json,
                         runpod.toml or Hub file is refused, naming the option that takes it); not --env-file,
                         which Node.js itself would read and take NODE_OPTIONS from. Template
                         and vars files over ${bytesInWords(MAX_WORKSPACE_FILE_BYTES)} are refused (as Launch Pod refuses them)
  --name N               Pod name (default: the template's name)
  --environment NAME=GLOB, --environment-account NAME=ACCOUNT
                         as for check: when a file given is of an environment that runs under
                         another account than the key's (--account, ${ACCOUNT_ENV}, --profile),
                         or the key names no account, it is refused (exit 1), nothing sent
${STRICT_OPTION}
${WARNINGS_JSON('the created Pod')}
`,
  'pods start': `Usage: ${PROGRAM} pods start ID [ID...] [--json]\n\nStarts stopped Pods.\n\n${POD_ACTION}`,
  'pods stop': `Usage: ${PROGRAM} pods stop ID [ID...] [--json]\n\nStops Pods (their container disk is kept).\n\n${POD_ACTION}`,
  'pods restart': `Usage: ${PROGRAM} pods restart ID [ID...] [--json]\n\nRestarts running Pods: each boots again and reads the current values of its secrets (each restart\nends what the Pod is running).\n\n${POD_ACTION}`,
  'pods terminate': `Usage: ${PROGRAM} pods terminate ID [--yes] [--json]\n\nTerminates a Pod. Asks to type the id unless --yes; without a terminal --yes is required.\n`,
  'pods logs': `Usage: ${PROGRAM} pods logs ID [--follow] [--tail N] [--source container|system]

${LOGS}`,
  endpoints: `Usage: ${PROGRAM} endpoints <list|workers|deploy|update|delete|logs> [options]

  list [--json]                      id, name, type, workers min..max, GPU pools, release
  workers ID [--json]                each worker's status, release, and whether it is stale
  deploy (--template-file F | --template-id ID) --gpu-pool P [--vars-file F] [--name N]
         [--image I] [--workers-min N] [--workers-max N] [--environment NAME=GLOB]
         [--environment-account NAME=ACCOUNT] [--strict] [--json]
  update ID [--vars-file F] [--image I] [--environment NAME=GLOB]
         [--environment-account NAME=ACCOUNT] [--strict] [--json]
  update ID [--workers-min N] [--workers-max N] [--idle-timeout S] [--json]
  delete ID [--yes]
  logs ID WORKER [--follow] [--tail N] [--source container|system]

${ENVIRONMENT}`,
  'endpoints list': `Usage: ${PROGRAM} endpoints list [--json]\n\nLists the account's serverless endpoints: id, name, type, workers min..max, GPU pools, release.\n`,
  'endpoints workers': `Usage: ${PROGRAM} endpoints workers ID [--json]\n\nLists an endpoint's workers: status, the release each runs, and "stale" while it runs an older one.\n`,
  'endpoints deploy': `Usage: ${PROGRAM} endpoints deploy (--template-file F | --template-id ID) --gpu-pool P [options]

Creates a serverless endpoint. The env is the template's env with the file's env and --vars-file
merged over it (the later wins per key); an environment's env file (train.dev.runpod.env) brings
the file its template's environments share (train.runpod.env) under it, as the editor's Deploy
Endpoint does (said on stderr). Before anything is created, every {{ RUNPOD_SECRET_name }}
of that env is checked against a fresh list of the account's secrets; while any is unknown or
malformed the deploy is refused (exit 1), because workers would boot with the literal placeholder.
${PREFLIGHT_WARNINGS('deploy')}

Options:
  --template-file F      a *.runpod.json template ("serverless": true, or no "serverless" field):
                         image, env, ${ENDPOINT_FIELDS.join(', ')}, templateId,
                         allowedCudaVersions, gpu (a Pod's {id, count}: the pool holding that GPU
                         type); "cpu" is refused:
                         ${GPU_POOLS_ONLY};
                         or a .runpod/hub.json Hub listing: its config.env (each value, else the
                         input's default), containerDiskInGb, gpuIds (their pools), and its title
                         as the name
  --image I              the workers' image (a Hub listing names none; replaces a file's image)
  --template-id ID       a serverless template of the account (or a public one)
  --gpu-pool P           GPU pool, e.g. ADA_24 or AMPERE_80 (repeat for fallbacks); optional when
                         the file's gpu or gpuIds name GPUs of the catalog, whose pools it replaces
  --vars-file F          KEY=VALUE lines (the .env syntax of *.runpod.env files; a *.runpod.json,
                         runpod.toml or Hub file is refused, naming the option that takes it). Not --env-file:
                         Node.js reads that itself and would apply a NODE_OPTIONS line in it.
                         Template and vars files over ${bytesInWords(MAX_WORKSPACE_FILE_BYTES)} are refused (as Deploy Endpoint does)
  --name N               endpoint name (default: the template's name)
  --workers-min N        workers kept running (default ${ENDPOINT_DEFAULTS.workers.min}, as in Deploy Endpoint)
  --workers-max N        most workers at once (default ${ENDPOINT_DEFAULTS.workers.max}); the idle timeout (${ENDPOINT_DEFAULTS.idleTimeout} s, see
                         endpoints update) and scaling are Deploy Endpoint's defaults too
  --environment NAME=GLOB, --environment-account NAME=ACCOUNT
                         as for check: when a file given is of an environment that runs under
                         another account than the key's (--account, ${ACCOUNT_ENV}, --profile),
                         or the key names no account, it is refused (exit 1), nothing sent
${STRICT_OPTION}
${WARNINGS_JSON('the created endpoint')}
`,
  'endpoints update': `Usage: ${PROGRAM} endpoints update ID [--vars-file F] [--image I] [--environment NAME=GLOB]
       [--environment-account NAME=ACCOUNT] [--strict] [--json]
       ${PROGRAM} endpoints update ID [--workers-min N] [--workers-max N] [--idle-timeout S] [--json]

Merges --vars-file over the endpoint's env (an environment's env file over the file its template's
environments share, as for deploy) and/or sets a new image. Prints what changes (the image
names; env keys as +added and -removed, a changed one with the secrets it reads, never a value), checks the new env's secret references
like deploy (exit 1 when one is unknown or malformed), then updates. A change of env or image
makes a new release; workers move to it as they cycle (watch with \`endpoints workers ID\`).
${PREFLIGHT_WARNINGS('update')}

Or changes the workers alone, as the editor's Change Workers: prints old -> new, then updates the
workers only. That makes no release: running workers are not restarted. A bound not given is kept;
the range is checked against the one given or kept (exit 2, nothing sent).

Options:
  --workers-min N        ${MIN_WORKERS_BILLED}
  --workers-max N        most workers at once (at least 1)
  --idle-timeout S       in seconds, ${IDLE_TIMEOUT_MEANING} (1 to ${WORKER_LIMITS.maxIdleTimeoutSeconds})
  --environment NAME=GLOB, --environment-account NAME=ACCOUNT
                         as for check: when a file given is of an environment that runs under
                         another account than the key's (--account, ${ACCOUNT_ENV}, --profile),
                         or the key names no account, it is refused (exit 1), nothing sent
${STRICT_OPTION}
${WARNINGS_JSON('the updated endpoint')}
                         "updated": true, or false when it already had that env and image
                         (nothing sent: "warnings" [])
`,
  envs: `Usage: ${PROGRAM} envs compare [paths...] [--json] [--environment NAME=GLOB] [--environment-account NAME=ACCOUNT] [--account NAME] [--files GLOB]

${ENVS}`,
  'envs compare': `Usage: ${PROGRAM} envs compare [paths...] [--json] [--environment NAME=GLOB] [--environment-account NAME=ACCOUNT] [--account NAME] [--files GLOB]

${ENVS}`,
  'endpoints delete': `Usage: ${PROGRAM} endpoints delete ID [--yes]\n\nDeletes an endpoint. Asks to type the endpoint's name unless --yes; without a terminal --yes is required.\n`,
  'endpoints logs': `Usage: ${PROGRAM} endpoints logs ID WORKER [--follow] [--tail N] [--source container|system]

The log of one worker (ids from \`endpoints workers ID\`).
${LOGS}`,
};

/**
 * The help of a command (`check`, `secrets create`, ...); the overview for anything else. Each
 * says --account, once: where it chooses the key (and in the overview, of every command), the
 * options of every command say it; where it chooses only the account (envs compare), its own help.
 */
export function helpFor(command: string): string {
  const known = Object.hasOwn(HELP, command) && command !== 'main';
  const help = known ? HELP[command]! : HELP['main']!;
  return !known || accountUse(command) === CHOOSES_KEY ? `${help}\n${OPTIONS_OF_EVERY_COMMAND}` : help;
}

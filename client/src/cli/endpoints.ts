/**
 * `endpoints list|workers|deploy|update|delete|logs`: serverless endpoints. Deploy and update run
 * the same secret preflight as `pods launch` (client/src/launch/plan.ts) against a fresh list of
 * the account's secrets, so nothing is created or changed while a reference would reach a worker
 * unresolved. An update shows what it changes, env by key only, never a value.
 */
import { summarizeTemplateUpdate } from '../launch/templateDiff';
import { finalEnv, mergeEnv, type Env } from '../launch/plan';
import type { EnvSource, TargetEnvironment } from '../launch/checks';
import { runPreflight, type PreflightPass } from './preflightReport';
import { resourceNameFrom, resourceNameOption } from './nameOptions';
import { RunpodApiError, type Endpoint, type EndpointUpdateInput, type RunpodClient, type Worker } from '../runpod/index';
import { deployWorkers, ENDPOINT_DEFAULTS, endpointBodyFor, imageProblem, parseBounded, parseIdleTimeout, WORKER_LIMITS, workerRangeProblem, workerRangeText, workersAtCreate, type DeploySource } from '../serverless/endpointBody';
import { readBaseTemplate } from '../launch/baseTemplate';
import { droppedFieldsText } from '../launch/templateFile';
import { endpointFromHubJson, endpointFromTemplateFile, gpusNote, poolsOf, type EndpointSource } from '../serverless/endpointSource';
import { runningWorkersNote, workersChanges, workersPatch, workersText, type Workers } from '../serverless/workersChange';
import { expectPositionals, flag, optionNotFor, parseCommandArgs, str, strs, type Parsed } from './args';
import { apiConfig, createClient, type ApiConfig } from './client';
import { ENVIRONMENT_OPTIONS } from './check/environments';
import { guardedInputs } from './inputAccounts';
import { CliError, EXIT, UsageError } from './errors';
import { helpFor } from './help';
import type { Io } from './io';
import { LOG_OPTIONS, logOptions, printWorkerLog } from './logs';
import { readEnvironmentVars, readTemplateFileOption, templateSourceOf } from './pods';
import type { TemplateFileKind } from './templateFileKind';
import { confirmTyped } from './confirm';
import { formatTable, sanitize, shortDate } from './table';
import { pathText } from '../../../server/src/template/displayText';
// Every endpoint printed with its env leaves out a plain credential's value.
import { resourceJson as json } from './resourceJson';

const SUBCOMMANDS = ['list', 'workers', 'deploy', 'update', 'delete', 'logs'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

const OPTIONS = {
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'template-file': { type: 'string' },
  'template-id': { type: 'string' },
  // Not --env-file: Node.js reads a file given so itself, anywhere in argv, and applies the
  // NODE_OPTIONS in it before our code runs (nodejs/node#54232), so a repository's file could run code.
  'vars-file': { type: 'string' },
  name: { type: 'string' },
  'gpu-pool': { type: 'string', multiple: true },
  'workers-min': { type: 'string' },
  'workers-max': { type: 'string' },
  'idle-timeout': { type: 'string' },
  image: { type: 'string' },
  strict: { type: 'boolean' },
  ...ENVIRONMENT_OPTIONS,
  ...LOG_OPTIONS,
} as const;

/** Which options each subcommand takes (besides --help); anything else is a usage error. */
const ALLOWED: Record<Sub, readonly string[]> = {
  list: ['json'],
  workers: ['json'],
  deploy: ['json', 'template-file', 'template-id', 'vars-file', 'name', 'gpu-pool', 'workers-min', 'workers-max', 'image', 'strict', ...Object.keys(ENVIRONMENT_OPTIONS)],
  update: ['json', 'vars-file', 'image', 'workers-min', 'workers-max', 'idle-timeout', 'strict', ...Object.keys(ENVIRONMENT_OPTIONS)],
  delete: ['yes'],
  logs: ['follow', 'tail', 'source'],
};

export async function endpointsCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(helpFor('endpoints'));
    return EXIT.ok;
  }
  if (!sub) throw new UsageError(`missing endpoints command (${SUBCOMMANDS.join(', ')})`, 'endpoints');
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`unknown endpoints command "${sanitize(sub)}"`, 'endpoints');
  const command = `endpoints ${sub}`;
  const parsed = parseCommandArgs(rest, OPTIONS, command);
  if (flag(parsed, 'help')) {
    io.stdout(helpFor(command));
    return EXIT.ok;
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value !== undefined && name !== 'help' && !ALLOWED[sub as Sub].includes(name)) throw optionNotFor(name, command);
  }
  switch (sub as Sub) {
    case 'deploy':
      return deploy(parsed, io);
    case 'logs': {
      const [id, worker] = expectPositionals(parsed, ['ID', 'WORKER'], command);
      const options = logOptions(parsed, command);
      return withClient(io, (client) => printWorkerLog(io, client, id!, worker!, options));
    }
    case 'list': {
      expectPositionals(parsed, [], command);
      return withClient(io, async (client) => {
        const endpoints = await client.listEndpoints();
        io.stdout(flag(parsed, 'json') ? json(endpoints) : endpointTable(endpoints));
        return EXIT.ok;
      });
    }
    case 'workers': {
      const [id] = expectPositionals(parsed, ['ID'], command);
      return withClient(io, async (client) => {
        const workers = await client.listWorkers(id!);
        io.stdout(flag(parsed, 'json') ? json(workers) : workerTable(workers));
        return EXIT.ok;
      });
    }
    case 'update':
      return update(parsed, io);
    case 'delete': {
      const [id] = expectPositionals(parsed, ['ID'], command);
      return withClient(io, async (client) => {
        const endpoint = await client.getEndpoint(id!);
        if (!flag(parsed, 'yes')) {
          await confirmTyped(io, endpoint.name, `Deleting endpoint ${sanitize(endpoint.name)} (${sanitize(endpoint.id)}) stops its workers and drops its queue. Type the endpoint name to confirm: `, command);
        }
        await client.deleteEndpoint(endpoint.id);
        io.stdout(`Deleted endpoint ${sanitize(endpoint.id)} (${sanitize(endpoint.name)}).\n`);
        return EXIT.ok;
      });
    }
  }
}

async function withClient(io: Io, use: (client: RunpodClient) => Promise<number>, config: ApiConfig = apiConfig(io)): Promise<number> {
  const client = createClient(config);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** `endpoints deploy`: the body from a template (id or file), env file and flags; preflight; create. */
async function deploy(parsed: Parsed, io: Io): Promise<number> {
  const command = 'endpoints deploy';
  expectPositionals(parsed, [], command);
  const templateFile = str(parsed, 'template-file');
  const templateIdFlag = str(parsed, 'template-id');
  if ((templateFile === undefined) === (templateIdFlag === undefined)) throw new UsageError('give exactly one of --template-file FILE or --template-id ID', command);
  const poolsByFlag = strs(parsed, 'gpu-pool');
  const min = countOption(parsed, 'workers-min', command);
  const max = countOption(parsed, 'workers-max', command);
  // The range sent, a bound left out filled as the editor's Deploy fills it.
  const rangeProblem = workerRangeProblem(deployWorkers({ min, max }));
  const filled = max === undefined && min !== undefined ? ` (without --workers-max, the maximum is ${ENDPOINT_DEFAULTS.workers.max}, Deploy Endpoint's default)` : '';
  if (rangeProblem) throw new UsageError(`--workers-min/--workers-max: ${rangeProblem}${filled}`, command);
  const image = imageOption(parsed, command);

  const varsFile = str(parsed, 'vars-file');
  // Another account's environment is refused before its files are even read.
  const { config, environment, shared } = guardedInputs(parsed, io, command, { templateFile, varsFile });
  // Local inputs first: a typo in a file fails before any network call.
  const vars = varsFile === undefined ? undefined : readEnvironmentVars(io, varsFile, shared, command);
  const overrides = vars?.env ?? {};
  const file = templateFile === undefined ? undefined : readDeployFile(templateFile, io);
  const source: DeploySource = file ? { kind: 'fields', fields: file.fields } : { kind: 'template', templateId: templateIdFlag! };
  /** The files the env comes from, lowest first: the warnings name them as the editor's do. */
  const sources = [...(file ? [file.envSource] : []), ...(vars?.sources ?? [])];
  // The file's GPUs (a template file's "gpu", a Hub listing's "gpuIds") choose the pools unless --gpu-pool does, as in the editor.
  const fileGpus = source.kind === 'fields' ? source.fields.gpus : undefined;
  if (poolsByFlag.length === 0 && !fileGpus) {
    throw new UsageError('--gpu-pool POOL is required (a GPU pool such as ADA_24; repeat it for fallbacks), unless the file names its GPUs ("gpu", a Hub listing\'s "gpuIds")', command);
  }
  if (source.kind === 'fields' && image === undefined && source.fields.image === undefined && source.fields.templateId === undefined) {
    const why = file!.kind === 'hub-json' ? '; a Hub listing has none, the Hub builds it from the repository' : ' and no templateId';
    throw new UsageError(`${pathText(templateFile!)} names no image: pass --image IMAGE${why}`, command);
  }
  const choices = { name: resourceNameOption(parsed, 'An endpoint needs a name.', command) ?? '', ...(image !== undefined ? { image } : {}), envOverrides: overrides, workers: { min, max } };
  const body = endpointBodyFor(source, { ...choices, pools: poolsByFlag });
  const missing = 'the endpoint needs a name: pass --name NAME or set "name" in the template file';
  // A file without a name (one naming a template by templateId) takes the template's, below.
  if (!body.name && source.kind === 'fields' && source.fields.name !== '') body.name = resourceNameFrom(source.fields.name, pathText(templateFile!), missing, command);

  return withClient(io, async (client) => {
    if (fileGpus) {
      const pools = poolsByFlag.length > 0 ? poolsByFlag : poolsOf(fileGpus.names, await client.listGpuTypes());
      if (pools.length === 0) throw new UsageError(`${pathText(templateFile!)}: "${fileGpus.field}" names no GPU type or pool of the catalog (see gpus list): pass --gpu-pool POOL`, command);
      body.gpu = { ...body.gpu, pools };
      io.stderr(`note: ${pathText(templateFile!)}: ${gpusNote(fileGpus, pools, poolsByFlag.length > 0)}\n`);
    }
    // RunPod applies a template once at create, its env under the body's (the body wins per key):
    // the preflight checks that merged env, which is what workers boot with.
    const template = body.templateId === undefined ? undefined : await readBaseTemplate(client, body.templateId, 'endpoint').catch((error: unknown) => {
      throw error instanceof RunpodApiError && error.kind === 'validation' ? new CliError(`template ${sanitize(body.templateId!)}: ${error.message}`) : error;
    });
    if (!body.name) body.name = resourceNameFrom(template?.name, `template ${sanitize(body.templateId ?? '')}`, missing, command);
    const preflight = await workersPreflight(io, client, parsed, finalEnv(body, template?.env), { verb: 'deploy', sent: body.env ?? {}, sources, environment });
    if (!preflight) return EXIT.findings;
    const endpoint = await client.createEndpoint(body);
    if (flag(parsed, 'json')) io.stdout(preflight.document(endpoint));
    else io.stdout(`Created endpoint ${sanitize(endpoint.id)} (${sanitize(endpoint.name)}); ${workersAtCreate(body.workers?.min)} (see \`endpoints workers ${sanitize(endpoint.id)}\`).\n`);
    return EXIT.ok;
  }, config);
}

/**
 * `endpoints update ID`: new env (merged over the current one) and/or image; the diff, then the
 * PATCH. Or, as the editor's Change Workers, the workers alone ({@link updateWorkers}).
 */
async function update(parsed: Parsed, io: Io): Promise<number> {
  const command = 'endpoints update';
  const [id] = expectPositionals(parsed, ['ID'], command);
  const varsFile = str(parsed, 'vars-file');
  const image = imageOption(parsed, command);
  const workers = workersOptions(parsed, command);
  if (workers && (varsFile !== undefined || image !== undefined)) {
    // A change of workers makes no release; one of env or image does, and restarts them: two changes, as in the editor.
    throw new UsageError('--workers-min, --workers-max and --idle-timeout change the workers alone (no new release): change --vars-file or --image in another update', command);
  }
  if (!workers && varsFile === undefined && image === undefined) throw new UsageError('give --vars-file FILE, --image IMAGE, or both; or --workers-min N, --workers-max N, --idle-timeout S', command);
  const { config, environment, shared } = guardedInputs(parsed, io, command, { varsFile });
  if (workers) return updateWorkers(parsed, io, id!, workers, config);
  const vars = varsFile === undefined ? undefined : readEnvironmentVars(io, varsFile, shared, command);
  const overrides = vars?.env;

  return withClient(io, async (client) => {
    const endpoint = await client.getEndpoint(id!);
    const patch: EndpointUpdateInput = {};
    // A PATCH's env replaces the whole env: send the current env with the file merged over it.
    if (overrides) patch.env = mergeEnv(endpoint.env, overrides);
    if (image !== undefined && image !== endpoint.image) patch.image = image;
    const { upToDate, summary } = summarizeTemplateUpdate({ id: endpoint.id, name: endpoint.name, image: endpoint.image, env: endpoint.env }, patch.env ? { env: patch.env } : {});
    if (upToDate && patch.image === undefined) {
      const said = `Endpoint ${sanitize(endpoint.id)} (${sanitize(endpoint.name)}) already has that env and image: nothing to update.\n`;
      // With --json, stdout is the endpoint alone, as an update prints it; nothing is sent, so nothing is checked or warned of.
      if (flag(parsed, 'json')) {
        io.stderr(said);
        io.stdout(json({ ...endpoint, updated: false, warnings: [] }));
      } else io.stdout(said);
      return EXIT.ok;
    }
    const preflight = await workersPreflight(io, client, parsed, patch.env ?? endpoint.env, { verb: 'update', sent: overrides ?? {}, sources: vars?.sources ?? [], environment });
    if (!preflight) return EXIT.findings;
    if (upToDate) delete patch.env;
    // The diff goes with the human output; with --json, stdout is the endpoint alone.
    const say = flag(parsed, 'json') ? io.stderr : io.stdout;
    say(`Changes to endpoint ${sanitize(endpoint.id)} (${sanitize(endpoint.name)}):\n`);
    if (patch.image !== undefined) say(`  image: ${sanitize(endpoint.image)} -> ${sanitize(patch.image)}\n`);
    if (patch.env) say(`  ${sanitize(summary)}   (+ added, - removed; values are not shown, only the secrets they reference)\n`);
    const updated = await client.updateEndpoint(endpoint.id, patch);
    if (flag(parsed, 'json')) io.stdout(preflight.document({ ...updated, updated: true }));
    else {
      const release = updated.version !== undefined ? `release ${updated.version}` : 'a new release';
      io.stdout(`Updated endpoint ${sanitize(updated.id)}: ${release}; workers move to it as they cycle (see \`endpoints workers ${sanitize(updated.id)}\`).\n`);
    }
    return EXIT.ok;
  }, config);
}

/** The workers a --workers-min, --workers-max or --idle-timeout asks for (a bound not given: undefined), by Deploy's rules; undefined when none is given. */
function workersOptions(parsed: Parsed, command: string): Partial<Workers> | undefined {
  const min = countOption(parsed, 'workers-min', command);
  const max = countOption(parsed, 'workers-max', command);
  const rangeProblem = workerRangeProblem({ min, max });
  if (rangeProblem) throw new UsageError(`--workers-min/--workers-max: ${rangeProblem}`, command);
  const idleText = str(parsed, 'idle-timeout');
  const idleTimeout = idleText === undefined ? undefined : parseIdleTimeout(idleText, '--idle-timeout');
  if (typeof idleTimeout === 'string') throw new UsageError(idleTimeout, command);
  if (min === undefined && max === undefined && idleTimeout === undefined) return undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(idleTimeout !== undefined ? { idleTimeout } : {}) };
}

/**
 * `endpoints update ID --workers-min N --workers-max N --idle-timeout S`: what is not given is kept;
 * old -> new, then a PATCH of `workers` as workersPatch (serverless/workersChange.ts) says, as the
 * editor's Change Workers: no release, so no worker restarts. A range the endpoint's other bound makes impossible is refused, nothing sent.
 */
async function updateWorkers(parsed: Parsed, io: Io, id: string, asked: Partial<Workers>, config: ApiConfig): Promise<number> {
  const command = 'endpoints update';
  return withClient(io, async (client) => {
    const endpoint = await client.getEndpoint(id);
    const now = endpoint.workers;
    const idleTimeout = asked.idleTimeout ?? now.idleTimeout;
    const next: Workers = { min: asked.min ?? now.min, max: asked.max ?? now.max, ...(idleTimeout !== undefined ? { idleTimeout } : {}) };
    const rangeProblem = workerRangeProblem(next);
    if (rangeProblem) throw new UsageError(`--workers-min/--workers-max: ${rangeProblem} (the endpoint runs ${workerRangeText(now)} workers)`, command);
    const label = `${sanitize(endpoint.id)} (${sanitize(endpoint.name)})`;
    const changes = workersChanges(now, next);
    if (changes.length === 0) {
      // With --json, stdout is the endpoint alone, changed or not.
      if (flag(parsed, 'json')) {
        io.stderr(`Endpoint ${label} already runs ${workersText(now)}: nothing to change.\n`);
        io.stdout(json(endpoint));
      } else io.stdout(`Endpoint ${label} already runs ${workersText(now)}: nothing to change.\n`);
      return EXIT.ok;
    }
    // With --json, stdout is the endpoint alone.
    const say = flag(parsed, 'json') ? io.stderr : io.stdout;
    say(`Changes to endpoint ${label}:\n${changes.map((c) => `  ${c}\n`).join('')}`);
    const updated = await client.updateEndpoint(endpoint.id, { workers: workersPatch(now, next) });
    if (flag(parsed, 'json')) io.stdout(json(updated));
    else io.stdout(`Updated endpoint ${sanitize(updated.id)}: ${workersText(updated.workers)}. ${runningWorkersNote(now, updated.workers)}\n`);
    return EXIT.ok;
  }, config);
}

/**
 * The preflight of the env workers boot with, against a fresh secret list: undefined, with the
 * problems printed, when the deploy or update must not happen (a reference RunPod would leave as
 * the literal placeholder; with --strict, a warning too).
 */
async function workersPreflight(io: Io, client: RunpodClient, parsed: Parsed, env: Env, how: { verb: 'deploy' | 'update'; sent: Env; sources: EnvSource[]; environment: TargetEnvironment | undefined }): Promise<PreflightPass | undefined> {
  const secretNames = (await client.listSecrets()).map((s) => s.name);
  return runPreflight(io, env, secretNames, { ...how, target: 'the workers', strict: flag(parsed, 'strict'), json: flag(parsed, 'json') });
}

/**
 * The file of `--template-file` as an endpoint, read as Deploy Endpoint reads it
 * (client/src/serverless/endpointSource.ts): a `.runpod/hub.json` Hub listing (its `config.env`
 * defaults, its title as the name), else a `*.runpod.json` template file (one that says
 * `serverless: false` is a Pod template).
 */
function readDeployFile(file: string, io: Io): { fields: EndpointSource; envSource: EnvSource; kind: TemplateFileKind } {
  // Parsed once for both kinds, its errors said once (a Hub listing has the template file's JSON).
  const read = readTemplateFileOption(file, 'endpoints deploy');
  const result = read.kind === 'hub-json' ? endpointFromHubJson(read.body, read.text) : endpointFromTemplateFile(read.body);
  if (!result.ok) throw new CliError(`${pathText(file)}: ${result.message}`);
  if (result.source.dropped.length > 0) io.stderr(`note: ${pathText(file)}: ${droppedFieldsText(result.source.dropped.map(sanitize), 'endpoint')}\n`);
  return { fields: result.source, envSource: templateSourceOf(file, read), kind: read.kind };
}

function countOption(parsed: Parsed, name: string, command: string): number | undefined {
  const text = str(parsed, name);
  if (text === undefined) return undefined;
  const count = parseBounded(text, 0, WORKER_LIMITS.maxWorkers, `--${name}`);
  if (typeof count === 'string') throw new UsageError(`--${name} must be a whole number from 0 to ${WORKER_LIMITS.maxWorkers}`, command);
  return count;
}

/** `--image`, trimmed, by the rule the editor's image box applies (endpointBody.ts `imageProblem`). */
function imageOption(parsed: Parsed, command: string): string | undefined {
  const text = str(parsed, 'image');
  if (text === undefined) return undefined;
  const problem = imageProblem(text);
  if (problem) throw new UsageError(`--image: ${problem}`, command);
  return text.trim();
}

function endpointTable(endpoints: readonly Endpoint[]): string {
  return formatTable(
    ['ID', 'NAME', 'TYPE', 'WORKERS', 'GPU POOLS', 'RELEASE', 'CREATED'],
    endpoints.map((e) => [
      e.id,
      e.name,
      e.type,
      workerRangeText(e.workers),
      e.gpu ? e.gpu.pools.join(',') : 'CPU',
      e.version === undefined ? '' : String(e.version),
      shortDate(e.createdAt),
    ]),
    '(no endpoints)',
  );
}

function workerTable(workers: readonly Worker[]): string {
  return formatTable(
    ['ID', 'STATUS', 'RELEASE', 'STALE', 'STARTED'],
    workers.map((w) => [w.id, w.status, w.version === null ? '' : String(w.version), w.isStale ? 'stale' : '', shortDate(w.startedAt)]),
    '(no workers)',
  );
}

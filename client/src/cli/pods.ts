/**
 * `pods list|launch|start|stop|restart|terminate|logs`. Launch is the pure plan (client/src/launch/plan.ts)
 * around four calls: the GPU catalog (when a GPU is named), the template (for its env), a fresh
 * secret list (the preflight), then the create. start/stop/restart take several ids, a result each.
 */
import { count, plural } from '../../../server/src/template/counts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPodRequest, finalEnv, mergeEnv, type Env, type LaunchOptions, type LaunchSource } from '../launch/plan';
import type { SharedEnvFiles } from './environmentVars';
import type { EnvSource } from '../launch/checks';
import { runPreflight } from './preflightReport';
import { resourceNameFrom, resourceNameOption } from './nameOptions';
import { droppedFieldsText, parseTemplateFile, toLaunchTemplate, type TemplateFileBody } from '../launch/templateFile';
import { readBaseTemplate } from '../launch/baseTemplate';
import { envItems } from '../launch/envItems';
import { planLines } from '../launch/summary';
import type { GpuType, Pod, PodAction, RunpodApi } from '../runpod/index';
import { RunpodApiError } from '../runpod/errors';
import { Wording } from '../runpod/wording';
import { podActionOutcome } from '../runpod/actionOutcome';
import { checkGpuId } from '../launch/gpuId';
import { askedGpuCount, maxGpuCount, takesGpuCount } from '../launch/gpuChoices';
import { CLOUD_VALUES_TEXT, isCloud } from '../runpod/clouds';
import { expectPositionals, flag, parseCommandArgs, optionNotFor, positiveInt, str, type Parsed } from './args';
import { describeRefusal, MAX_WORKSPACE_FILE_BYTES, readRegularFile } from './fileRead';
import { varsFromText } from '../launch/varsFile';
import { apiConfig, createClient } from './client';
import { CliError, EXIT, UsageError } from './errors';
import { helpFor } from './help';
import type { Io } from './io';
import { confirmTyped } from './confirm';
import { formatTable, sanitize, shortDate } from './table';
import { resourceJson } from './resourceJson';
import { refuseOtherVarsFileKind, templateFileKind, type TemplateFileCommand, type TemplateFileKind, type VarsFileCommand } from './templateFileKind';
import { pathText } from '../../../server/src/template/displayText';
import { ENVIRONMENT_OPTIONS } from './check/environments';
import { guardedInputs } from './inputAccounts';
import { computeText } from '../views/pods/podNodes';
import { podCloud } from '../runpod/parse';

const OPTIONS = {
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'template-file': { type: 'string' },
  'template-id': { type: 'string' },
  gpu: { type: 'string' },
  'gpu-count': { type: 'string' },
  cloud: { type: 'string' },
  'vars-file': { type: 'string' },
  name: { type: 'string' },
  strict: { type: 'boolean' },
  ...ENVIRONMENT_OPTIONS,
} as const;

const LAUNCH_ONLY = ['template-file', 'template-id', 'gpu', 'gpu-count', 'cloud', 'vars-file', 'name', 'strict', ...Object.keys(ENVIRONMENT_OPTIONS)];

export async function podsCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(helpFor('pods'));
    return EXIT.ok;
  }
  if (!sub) throw new UsageError('missing pods command (list, launch, start, stop, restart, terminate, logs)', 'pods');
  if (!['list', 'launch', 'terminate', ...ACTIONS].includes(sub)) throw new UsageError(`unknown pods command "${sanitize(sub)}"`, 'pods');
  const command = `pods ${sub}`;
  const parsed = parseCommandArgs(rest, OPTIONS, command);
  if (flag(parsed, 'help')) {
    io.stdout(helpFor(command));
    return EXIT.ok;
  }
  if (sub !== 'launch') for (const o of LAUNCH_ONLY) if (parsed.values[o] !== undefined) throw optionNotFor(o, command, 'pods launch');

  if (sub === 'launch') return launch(parsed, io);
  if (isAction(sub)) return actOnPods(parsed, sub, io);
  const [id] = expectPositionals(parsed, sub === 'list' ? [] : ['ID'], command);
  if (sub === 'terminate' && !flag(parsed, 'yes')) {
    await confirmTyped(io, id!, `Terminating pod ${id} deletes its container disk. Type the pod id to confirm: `, command);
  }
  const client = createClient(apiConfig(io));
  try {
    if (sub === 'list') {
      const pods = await client.listPods();
      if (flag(parsed, 'json')) io.stdout(resourceJson(pods));
      else io.stdout(podTable(pods));
      return EXIT.ok;
    }
    // terminate: RunPod answers 204 and the Pod is gone: there is no Pod to print, only the fact.
    await client.terminatePod(id!);
    io.stdout(flag(parsed, 'json') ? `${JSON.stringify({ id, terminated: true }, null, 2)}\n` : `Pod ${sanitize(id!)} terminated.\n`);
    return EXIT.ok;
  } finally {
    await client.close();
  }
}

/** The Pod actions that answer with the updated Pod (terminate answers 204 and asks first). */
const ACTIONS = ['start', 'stop', 'restart'] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (sub: string): sub is Action => (ACTIONS as readonly string[]).includes(sub);

/**
 * One Pod's answer to an action: the updated Pod, or why RunPod refused or could not be asked (first
 * line); `mayHaveSucceeded` when RunPod may have acted on it all the same (a 5xx, a lost answer:
 * the client's RunpodApiError says so), so a report does not call the Pod untouched.
 */
export type PodActionResult = { id: string; ok: true; pod: Pod } | { id: string; ok: false; error: Wording; mayHaveSucceeded?: true };

/**
 * POST /pods/{id}/action through the client call the editor's Start, Stop and Restart use; a
 * failure (409 when the state does not allow it, 404, a timeout) is this Pod's result, not a throw,
 * so the next Pod is still tried.
 */
export async function podActionResult(client: Pick<RunpodApi, 'podAction'>, id: string, action: Exclude<PodAction, 'terminate'>): Promise<PodActionResult> {
  try {
    return { id, ok: true, pod: await client.podAction(id, action) };
  } catch (error) {
    // An API error in its parts (one line, as the client makes them): Rotate's report leaves out the restart it names. JSON shows the text.
    if (error instanceof RunpodApiError) return { id, ok: false, error: error.wording, ...(error.mayHaveSucceeded ? { mayHaveSucceeded: true as const } : {}) };
    return { id, ok: false, error: Wording.of(error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'error') };
  }
}

/** `pods start|stop|restart ID...`: a line per Pod (failures on stderr), exit 2 when any failed. */
async function actOnPods(parsed: Parsed, action: Action, io: Io): Promise<number> {
  // An id given twice is acted on once: a second restart would end what the first one started.
  const ids = [...new Set(parsed.positionals)];
  if (ids.length === 0) throw new UsageError('missing ID', `pods ${action}`);
  const client = createClient(apiConfig(io));
  try {
    const results: PodActionResult[] = [];
    for (const id of ids) {
      const r = await podActionResult(client, id, action);
      results.push(r);
      if (flag(parsed, 'json')) continue;
      if (r.ok) io.stdout(`Pod ${sanitize(r.pod.id)}: ${action} requested (status ${sanitize(r.pod.status)}).\n`);
      // Worded as Rotate's restarts are (actionOutcome.ts): a 5xx or a lost answer is not "not restarted".
      else io.stderr(`Pod ${sanitize(id)}: ${podActionOutcome(action, r, 'passive')}: ${sanitize(r.error.text())}\n`);
    }
    if (flag(parsed, 'json')) io.stdout(resourceJson(results));
    return results.every((r) => r.ok) ? EXIT.ok : EXIT.failure;
  } finally {
    await client.close();
  }
}

function podTable(pods: readonly Pod[]): string {
  return formatTable(
    ['ID', 'NAME', 'STATUS', 'GPU', 'CLOUD', 'CREATED'],
    // The compute as the Pods view, Show Logs and the pickers word it (podNodes.ts computeText).
    pods.map((p) => [p.id, p.name, p.status, computeText(p), podCloud(p.cloud) ?? '', shortDate(p.createdAt)]),
    '(no pods)',
  );
}

async function launch(parsed: Parsed, io: Io): Promise<number> {
  const command = 'pods launch';
  expectPositionals(parsed, [], command);
  const templateFile = str(parsed, 'template-file');
  const templateId = str(parsed, 'template-id');
  if ((templateFile === undefined) === (templateId === undefined)) throw new UsageError('give exactly one of --template-file FILE or --template-id ID', command);
  const cloudText = str(parsed, 'cloud');
  if (cloudText !== undefined && !isCloud(cloudText)) throw new UsageError(`--cloud must be ${CLOUD_VALUES_TEXT}`, command);
  const countText = str(parsed, 'gpu-count');
  const gpuId = str(parsed, 'gpu');
  if (countText !== undefined && gpuId === undefined) throw new UsageError('--gpu-count needs --gpu', command);
  const countGiven = countText === undefined ? undefined : positiveInt(countText, '--gpu-count', command);
  const noGpu = () => new UsageError('--gpu ID is required (see `gpus list --available`)', command);
  if (gpuId === undefined && templateId !== undefined) throw noGpu();

  const varsFile = str(parsed, 'vars-file');
  // Another account's environment is refused before its files are even read.
  const { config, environment, shared } = guardedInputs(parsed, io, command, { templateFile, varsFile });

  // Local inputs first: a typo in a file fails before any network call. The usage errors a
  // template file decides (no name, no GPU) come before any note is printed or the env file read.
  let source: LaunchSource;
  /** The files the env comes from, lowest first: the warnings name them as the editor's do. */
  const sources: EnvSource[] = [];
  const options: LaunchOptions = { name: resourceNameOption(parsed, 'A Pod needs a name.', command) ?? '', env: {} };
  if (cloudText !== undefined) options.cloud = cloudText;
  if (templateFile !== undefined) {
    const read = readTemplateFileOption(templateFile, 'pods launch');
    sources.push(templateSourceOf(templateFile, read));
    const launchable = toLaunchTemplate(read.body);
    if (!launchable.ok) throw new CliError(`${pathText(templateFile)}: This file cannot launch a Pod: ${launchable.message}`);
    const { template, dropped } = launchable;
    if (!options.name) options.name = resourceNameFrom(template.name, pathText(templateFile), 'the Pod needs a name: pass --name NAME or set "name" in the template file', command);
    if (gpuId === undefined && !template.gpu && template.cpu === undefined) throw noGpu();
    if (dropped.length > 0) io.stderr(`note: ${pathText(templateFile)}: ${droppedFieldsText(dropped.map(sanitize))}\n`);
    source = { kind: 'template-file', template };
  } else {
    source = { kind: 'template-id', templateId: templateId! };
  }
  // Without --gpu-count, the file's count of that GPU type, as the editor's count step starts (gpuChoices.ts).
  if (gpuId !== undefined) options.gpu = { id: gpuId, count: countGiven ?? askedGpuCount(gpuId, [source.kind === 'template-file' ? source.template.gpu : undefined]) };
  // A count not typed is billed as any other: said, with where it came from.
  const fileGpu = source.kind === 'template-file' ? source.template.gpu : undefined;
  if (options.gpu && countGiven === undefined && fileGpu?.id === gpuId && fileGpu?.count !== undefined) {
    io.stderr(`note: --gpu without --gpu-count: ${count(options.gpu.count, 'GPU')}, the count ${pathText(templateFile!)}'s "gpu.count" asks (billed per GPU; pass --gpu-count N to choose)\n`);
  }
  if (varsFile !== undefined) {
    const vars = readEnvironmentVars(io, varsFile, shared, command);
    options.env = vars.env;
    sources.push(...vars.sources);
  }

  const client = createClient(config);
  try {
    // A GPU id RunPod does not list, or more of it than one Pod can have, fails here, before the
    // summary, in the command line's terms.
    const gpuToCheck = options.gpu ?? (source.kind === 'template-file' ? source.template.gpu : undefined);
    if (gpuToCheck !== undefined) {
      // A count not given is the file's (askedGpuCount), named as the file's.
      const countFromFile = countGiven === undefined && templateFile !== undefined;
      await checkGpu(client, io, gpuToCheck, { id: options.gpu ? '--gpu' : `${pathText(templateFile!)}: "gpu.id"`, count: countFromFile ? `${pathText(templateFile!)}: "gpu.count"` : '--gpu-count' });
    }
    // The template the body names (own or public): RunPod merges its env under the body's, so the checks need it.
    const id = source.kind === 'template-id' ? source.templateId : source.template.templateId;
    const template = id === undefined ? undefined : await readBaseTemplate(client, id);
    if (!options.name) options.name = resourceNameFrom(template?.name, `template ${sanitize(id!)}`, 'the Pod needs a name: pass --name NAME', command);
    const body = buildPodRequest(source, options);
    // A fresh list right before the create: the preflight is only as good as its knowledge.
    const secretNames = (await client.listSecrets()).map((s) => s.name);
    const preflight = runPreflight(io, finalEnv(body, template?.env), secretNames, { verb: 'launch', target: 'the Pod', sent: body.env ?? {}, sources, environment, strict: flag(parsed, 'strict'), json: flag(parsed, 'json') });
    if (!preflight) return EXIT.findings;
    // Every field that is sent, on stderr so stdout stays the result (and valid JSON with --json).
    const plan = planLines(body, template, envItems(template?.env ?? {}, body.env, new Set(secretNames)));
    io.stderr(`Launching:\n${plan.map((line) => `  ${sanitize(line)}\n`).join('')}`);
    const pod = await client.createPod(body);
    if (flag(parsed, 'json')) io.stdout(preflight.document(pod));
    else io.stdout(`Created pod ${sanitize(pod.id)} (${sanitize(pod.name)}), status ${sanitize(pod.status)}.\n`);
    return EXIT.ok;
  } finally {
    await client.close();
  }
}

/**
 * Refuses a GPU id the catalog does not list (one extra call), naming the entry it most likely
 * means and the command that lists the ids, and a count over what the catalog allows one Pod (the
 * range the editor's count step offers, gpuChoices.ts). A catalog that cannot be read is a note:
 * the create still decides, as it did before this check.
 */
async function checkGpu(
  client: Pick<RunpodApi, 'listGpuTypes'>,
  io: Io,
  gpu: { id: string; count: number },
  where: { id: string; count: string },
): Promise<void> {
  const { id } = gpu;
  let catalog: GpuType[];
  try {
    catalog = await client.listGpuTypes();
  } catch (error) {
    io.stderr(`note: the GPU catalog could not be read, so the GPU id is left for RunPod to check: ${sanitize(error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'error')}\n`);
    return;
  }
  const check = checkGpuId(id, catalog);
  if (!check.ok) {
    const hint = check.suggestion !== undefined ? ` Did you mean "${sanitize(check.suggestion)}"?` : '';
    throw new CliError(`${sanitize(where.id)} "${sanitize(id)}" is not a GPU type id RunPod lists.${hint} Run \`runpod-check gpus list --available\` for the ids that can be rented now.`);
  }
  const entry = catalog.find((g) => g.id === id)!;
  const max = maxGpuCount(entry);
  if (!takesGpuCount(entry, gpu.count)) throw new CliError(`${sanitize(where.count)} ${gpu.count}: a Pod can have 1 to ${max} of "${sanitize(id)}" (the GPU catalog's maxCount).`);
}

/** The variables of --vars-file (and the files merged under it), and the files they came from, lowest first, for the checks to name (checks.ts EnvSource). */
export interface ReadVars {
  env: Env;
  sources: EnvSource[];
}

/**
 * The --vars-file of a launch, a deploy or an update; an environment's env file over the files its
 * template's environments share (`of`: environmentVars.ts inputEnvironment), said on stderr, as the
 * editor's Launch Pod, Deploy Endpoint and Update Env take it. A shared file found beside it is read
 * without following a symbolic link: the user named the env file, not what a repository links next to it.
 */
export function readEnvironmentVars(io: Io, file: string, of: SharedEnvFiles | undefined, command: VarsFileCommand): ReadVars {
  refuseOtherVarsFileKind(file, command);
  const own = readVarsSource(file, file);
  if (!of) return { env: own.env, sources: [own.source] };
  // Shown as the user wrote theirs: relative to the working directory when the vars file was.
  const shown = (shared: string): string => (path.isAbsolute(file) ? shared : path.relative(process.cwd(), shared));
  io.stderr(`note: ${pathText(file)} is environment ${sanitize(of.environment)}: merged over ${of.shared.map((f) => pathText(shown(f))).join(', ')}, the ${plural(of.shared.length, 'file')} its template's environments share\n`);
  const shared = of.shared.map((f) => {
    if (fs.lstatSync(f, { throwIfNoEntry: false })?.isSymbolicLink()) throw new CliError(`${pathText(shown(f))}: a symbolic link, not read (a shared env file is read only as a regular file)`);
    return readVarsSource(f, shown(f), { noFollow: true, label: 'shared env file' });
  });
  const sharedEnv = shared.reduce<Env>((env, s) => mergeEnv(env, s.env), {});
  return { env: mergeEnv(sharedEnv, own.env), sources: [...shared.map((s) => s.source), own.source] };
}

/** An input file as the checks name it in a finding: its path as the user gave it (or as shown), one safe line. */
function envSourceOf(file: string, shownAs: string, text: string, kind: EnvSource['kind']): EnvSource {
  return { id: path.resolve(file), label: pathText(shownAs), text, kind };
}

/** A --template-file read, as the checks name it (a Hub listing's `config.env` by its kind). */
export function templateSourceOf(file: string, read: { text: string; kind: TemplateFileKind }): EnvSource {
  return envSourceOf(file, file, read.text, read.kind);
}

/**
 * A launch or deploy input file: a regular file of at most MAX_WORKSPACE_FILE_BYTES, as Launch Pod
 * and Deploy Endpoint read theirs in the editor (a FIFO or a device is refused, not read; a larger
 * file is refused whole, never cut: its content is sent to RunPod).
 * @param options.shownAs the path a refusal names (default `file`): a shared env file as its note names it
 */
export function readText(file: string, flagName: string, options: { noFollow?: boolean; shownAs?: string } = {}): string {
  const read = readRegularFile(file, MAX_WORKSPACE_FILE_BYTES, { noFollow: options.noFollow ?? false });
  if (!read.ok) throw new CliError(`${flagName} ${pathText(options.shownAs ?? file)}: ${describeRefusal(read, MAX_WORKSPACE_FILE_BYTES)}`);
  return read.text;
}

/**
 * A `--template-file` read (readText) and parsed by the editor's one reader (JSON with comments,
 * templateFile.ts): its errors say what and where, never the file's text, all in one CliError.
 */
export function readTemplateFileOption(file: string, command: TemplateFileCommand): { text: string; body: TemplateFileBody; kind: TemplateFileKind } {
  const kind = templateFileKind(file, command);
  const text = readText(file, '--template-file');
  const parsed = parseTemplateFile(text);
  if (!parsed.ok) throw new CliError(`${pathText(file)}: ${parsed.errors.map((e) => e.message).join(' ')}`);
  return { text, body: parsed.body, kind };
}

/**
 * The --vars-file variables, the last definition of a key winning. Refused, as the editor refuses
 * the file and marks it with an error (launch/varsFile.ts): a syntax error (a half-read file would
 * start a Pod without variables the user meant to give it) or a key outside the env-key rule.
 */
export function readVarsFile(file: string, options: { noFollow?: boolean; label?: string } = {}): Env {
  return readVarsSource(file, file, options).env;
}

/** {@link readVarsFile}, with the file as the checks name it (`shownAs`). */
function readVarsSource(file: string, shownAs: string, options: { noFollow?: boolean; label?: string } = {}): { env: Env; source: EnvSource } {
  // Named as the user sees it (a shared file as the note names it), not as it was resolved to be read.
  const text = readText(file, options.label ?? '--vars-file', { ...options, shownAs });
  const read = varsFromText(text);
  if (!read.ok) throw new CliError(`${pathText(shownAs)}: ${read.message}`);
  return { env: read.env, source: envSourceOf(file, shownAs, text, 'runpod-env') };
}

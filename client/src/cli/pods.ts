/**
 * `pods list|launch|stop|terminate`. Launch is the pure plan (client/src/launch/plan.ts) around
 * three calls: the template (for its env), a fresh secret list (the preflight), then the create.
 */
import * as fs from 'node:fs';
import { parseEnv } from '../../../server/src/template/index';
import { buildPodRequest, finalEnv, parseTemplateFile, preflight, type Env, type LaunchOptions, type LaunchSource } from '../launch/plan';
import type { Pod, RunpodClient } from '../runpod/index';
import { expectPositionals, flag, parseCommandArgs, positiveInt, str, type Parsed } from './args';
import { lineStarts, positionAt } from './check/findings';
import { apiConfigFromEnv, createClient } from './client';
import { CliError, EXIT, UsageError } from './errors';
import { helpFor } from './help';
import type { Io } from './io';
import { confirmTyped } from './secrets';
import { formatTable, sanitize, shortDate } from './table';

const OPTIONS = {
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'template-file': { type: 'string' },
  'template-id': { type: 'string' },
  gpu: { type: 'string' },
  'gpu-count': { type: 'string' },
  cloud: { type: 'string' },
  'env-file': { type: 'string' },
  name: { type: 'string' },
} as const;

const LAUNCH_ONLY = ['template-file', 'template-id', 'gpu', 'gpu-count', 'cloud', 'env-file', 'name'];

export async function podsCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(helpFor('pods'));
    return EXIT.ok;
  }
  if (!sub) throw new UsageError('missing pods command (list, launch, stop, terminate)', 'pods');
  if (!['list', 'launch', 'stop', 'terminate'].includes(sub)) throw new UsageError(`unknown pods command "${sanitize(sub)}"`, 'pods');
  const command = `pods ${sub}`;
  const parsed = parseCommandArgs(rest, OPTIONS, command);
  if (flag(parsed, 'help')) {
    io.stdout(helpFor(command));
    return EXIT.ok;
  }
  if (sub !== 'launch') for (const o of LAUNCH_ONLY) if (parsed.values[o] !== undefined) throw new UsageError(`--${o} only applies to pods launch`, command);

  if (sub === 'launch') return launch(parsed, io);
  const [id] = expectPositionals(parsed, sub === 'list' ? [] : ['ID'], command);
  if (sub === 'terminate' && !flag(parsed, 'yes')) {
    await confirmTyped(io, id!, `Terminating pod ${id} deletes its container disk. Type the pod id to confirm: `, command);
  }
  const client = createClient(apiConfigFromEnv(io.env));
  try {
    if (sub === 'list') {
      const pods = await client.listPods();
      if (flag(parsed, 'json')) io.stdout(`${JSON.stringify(pods, null, 2)}\n`);
      else io.stdout(podTable(pods));
      return EXIT.ok;
    }
    const pod = await client.podAction(id!, sub === 'stop' ? 'stop' : 'terminate');
    io.stdout(flag(parsed, 'json') ? `${JSON.stringify(pod, null, 2)}\n` : `Pod ${sanitize(pod.id)}: ${sub === 'stop' ? 'stop' : 'terminate'} requested (status ${pod.status}).\n`);
    return EXIT.ok;
  } finally {
    await client.close();
  }
}

function podTable(pods: readonly Pod[]): string {
  return formatTable(
    ['ID', 'NAME', 'STATUS', 'GPU', 'CLOUD', 'CREATED'],
    pods.map((p) => [p.id, p.name, p.status, p.gpu ? `${p.gpu.count} x ${p.gpu.id}` : 'CPU', p.cloud, shortDate(p.createdAt)]),
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
  if (cloudText !== undefined && cloudText !== 'SECURE' && cloudText !== 'COMMUNITY') throw new UsageError('--cloud must be SECURE or COMMUNITY', command);
  const countText = str(parsed, 'gpu-count');
  const gpuId = str(parsed, 'gpu');
  if (countText !== undefined && gpuId === undefined) throw new UsageError('--gpu-count needs --gpu', command);

  // Local inputs first: a typo in a file fails before any network call.
  let source: LaunchSource;
  if (templateFile !== undefined) {
    const { template, dropped } = (() => {
      try {
        return parseTemplateFile(readText(templateFile, '--template-file'));
      } catch (err) {
        if (err instanceof CliError) throw err;
        throw new CliError(`${templateFile}: ${(err as Error).message}`);
      }
    })();
    if (dropped.length > 0) io.stderr(`note: ${templateFile}: not sent (template-only fields a Pod create does not take): ${dropped.join(', ')}\n`);
    source = { kind: 'template-file', template };
  } else {
    source = { kind: 'template-id', templateId: templateId! };
  }
  const envFile = str(parsed, 'env-file');
  const overrides = envFile === undefined ? {} : readEnvFile(envFile);

  const options: LaunchOptions = { name: str(parsed, 'name') ?? '', env: overrides };
  if (gpuId !== undefined) options.gpu = { id: gpuId, count: countText === undefined ? 1 : positiveInt(countText, '--gpu-count', command) };
  if (cloudText !== undefined) options.cloud = cloudText as 'SECURE' | 'COMMUNITY';
  if (source.kind === 'template-file') {
    if (!options.name) options.name = source.template.name ?? '';
    if (!options.name) throw new UsageError('the Pod needs a name: pass --name NAME or set "name" in the template file', command);
    if (!options.gpu && !source.template.gpu && source.template.cpu === undefined) throw new UsageError('--gpu ID is required (see `gpus list --available`)', command);
  } else if (!options.gpu) {
    throw new UsageError('--gpu ID is required (see `gpus list --available`)', command);
  }

  const client = createClient(apiConfigFromEnv(io.env));
  try {
    const template = await templateFor(client, source);
    if (!options.name) options.name = template?.name ?? '';
    const body = buildPodRequest(source, options);
    // A fresh list right before the create: the preflight is only as good as its knowledge.
    const secretNames = (await client.listSecrets()).map((s) => s.name);
    const problems = preflight(finalEnv(body, template?.env), secretNames);
    if (problems.length > 0) {
      io.stderr(`Refusing to launch: ${problems.length} secret reference${problems.length === 1 ? '' : 's'} would reach the Pod unresolved:\n`);
      for (const p of problems) io.stderr(`  ${sanitize(p.key)}: ${p.reason}${p.name ? ` "${sanitize(p.name)}"` : ''}: ${p.message}\n`);
      io.stderr('Create the missing secrets (`secrets create NAME`) or fix the references, then launch again.\n');
      return EXIT.findings;
    }
    const pod = await client.createPod(body);
    if (flag(parsed, 'json')) io.stdout(`${JSON.stringify(pod, null, 2)}\n`);
    else io.stdout(`Created pod ${sanitize(pod.id)} (${sanitize(pod.name)}), status ${pod.status}.\n`);
    return EXIT.ok;
  } finally {
    await client.close();
  }
}

/** The template whose env RunPod merges under the body's (by id, or named by the file's `templateId`). */
async function templateFor(client: RunpodClient, source: LaunchSource): Promise<{ name: string; env: Env } | undefined> {
  const id = source.kind === 'template-id' ? source.templateId : source.template.templateId;
  if (id === undefined) return undefined;
  const template = await client.getTemplate(id);
  if (template.serverless) throw new CliError(`template ${sanitize(id)} is a serverless template and cannot launch a Pod`);
  return { name: template.name, env: template.env ?? {} };
}

export function readText(file: string, flagName: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`${flagName} ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * The env file's variables, the last definition of a key winning. Syntax errors refuse the launch:
 * a half-read env file would start a Pod without variables the user meant to give it.
 */
export function readEnvFile(file: string, flagName = '--env-file'): Env {
  const text = readText(file, flagName);
  const { variables, problems } = parseEnv(text);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const starts = lineStarts(text);
    const where = errors.slice(0, 5).map((p) => `line ${positionAt(starts, p.span.start).line}: ${p.message}`);
    throw new CliError(`${file}: ${where.join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`);
  }
  return Object.fromEntries(variables.map((v) => [v.key, v.value]));
}

/**
 * `secrets list|get|create|update|delete|usage|rotate`: account secrets by name. Metadata only is
 * ever printed. Each change is appended to the secret history the editor shows (cli/history.ts).
 */
import { formatReference, hasSecretNameCharsOnly, validateSecretName } from '../../../server/src/template/index';
import { SECRET_NAME_CHARS_RULE } from '../../../server/src/template/names';
import type { Secret } from '../runpod/index';
import { expectPositionals, flag, optionNotFor, parseCommandArgs, str, strs, type Parsed } from './args';
import { apiConfig, createClient } from './client';
import { EXIT, UsageError } from './errors';
import { helpFor } from './help';
import type { Io } from './io';
import { formatTable, sanitize, sanitizeShowingInvisible, shortDate, truncate } from './table';
import { readValue, VALUE_FLAG_REFUSED } from './value';
import { descriptionOption } from './nameOptions';
import { cliHistoryAccount, recordCliHistory } from './history';
import { secretDelete } from './secretDelete';
import { secretRotate } from './secretRotate';
import { secretUsage } from './secretUsage';
import { bySecretName } from '../secrets/nameOrder';
import { VALUE_CHANGE_MEANING } from '../secrets/rotatePlan';
import { ENVIRONMENT_OPTIONS, environmentOptions } from './check/environments';
import { validateNewSecretName } from '../commands/secretInputRules';

const OPTIONS = {
  json: { type: 'boolean' },
  description: { type: 'string' },
  'value-file': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  restart: { type: 'boolean' },
  files: { type: 'string', multiple: true },
  ...ENVIRONMENT_OPTIONS,
} as const;

const SUBCOMMANDS = ['list', 'get', 'create', 'update', 'delete', 'usage', 'rotate'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

function isSubcommand(text: string): text is Subcommand {
  return (SUBCOMMANDS as readonly string[]).includes(text);
}

export async function secretsCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const command = `secrets ${sub ?? ''}`.trim();
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    if (!sub) throw new UsageError(`missing secrets command (${SUBCOMMANDS.join(', ')})`, 'secrets');
    io.stdout(helpFor('secrets'));
    return EXIT.ok;
  }
  if (!isSubcommand(sub)) throw new UsageError(`unknown secrets command "${sanitize(sub)}"`, 'secrets');
  // Before parsing: `--value` alone would otherwise fail as "needs a value" without the reason.
  if (rest.some((a) => a === '--value' || a.startsWith('--value='))) throw new UsageError(VALUE_FLAG_REFUSED, command);
  const parsed = parseCommandArgs(rest, OPTIONS, command);
  if (flag(parsed, 'help')) {
    io.stdout(helpFor(command));
    return EXIT.ok;
  }
  if (sub !== 'create' && sub !== 'update' && sub !== 'rotate') rejectOptions(parsed, ['value-file'], command);
  if (sub !== 'create' && sub !== 'update') rejectOptions(parsed, ['description'], command);
  if (sub !== 'rotate') rejectOptions(parsed, ['restart'], command);
  if (sub !== 'usage') rejectOptions(parsed, ['files', 'environment', 'environment-account'], command);

  const json = flag(parsed, 'json');
  if (sub === 'usage') {
    const [usageName, ...paths] = parsed.positionals;
    if (usageName === undefined) throw new UsageError('missing NAME', command);
    if (!hasSecretNameCharsOnly(usageName)) throw new UsageError(`invalid secret name: ${SECRET_NAME_CHARS_RULE}`, command);
    const globs = strs(parsed, 'files');
    const declarations = environmentOptions(strs(parsed, 'environment'), command, strs(parsed, 'environment-account'), io.stderr);
    return secretUsage(io, usageName, paths, { json, declarations, ...(globs.length > 0 ? { globs } : {}) });
  }
  const names = sub === 'list' ? [] : ['NAME'];
  const [name] = expectPositionals(parsed, names, command);
  if (name !== undefined) {
    // A new name must pass RunPod's whole rule; an existing secret's name may predate it (`2fa_seed`).
    const invalid = sub === 'create' ? validateSecretName(name) : hasSecretNameCharsOnly(name) ? undefined : SECRET_NAME_CHARS_RULE;
    if (invalid) throw new UsageError(`invalid secret name: ${invalid}`, command);
  }
  if (sub === 'rotate') return secretRotate(io, name!, { valueFile: str(parsed, 'value-file'), restart: flag(parsed, 'restart'), json });
  if (sub === 'delete') return secretDelete(io, name!, { yes: flag(parsed, 'yes'), json });

  // Read the value BEFORE connecting, so a slow typist does not hold a connection open, and pass it
  // to the client as sensitive so no error can echo it.
  let value: string | undefined;
  const description = descriptionOption(parsed, command);
  if (sub === 'create' || sub === 'update') {
    value = await readValue(io, {
      valueFile: str(parsed, 'value-file'),
      prompt: `Value for ${name} (input hidden): `,
      optional: sub === 'update' && description !== undefined,
      command,
    });
  }

  const config = apiConfig(io);
  const client = createClient(config, value === undefined ? [] : [value]);
  const account = cliHistoryAccount(client, config);
  try {
    switch (sub) {
      case 'list': {
        const secrets = await client.listSecrets();
        // The editor's order (secrets/nameOrder.ts): the same on every machine.
        const sorted = [...secrets].sort(bySecretName);
        if (json) io.stdout(`${JSON.stringify(sorted.map(metadata), null, 2)}\n`);
        else io.stdout(formatTable(['NAME', 'DESCRIPTION', 'CREATED'], sorted.map((s) => [s.name, truncate(sanitizeShowingInvisible(s.description), 60), shortDate(s.createdAt)]), '(no secrets)'));
        return EXIT.ok;
      }
      case 'get': {
        const secret = await client.getSecret(name!);
        io.stdout(json ? `${JSON.stringify(metadata(secret), null, 2)}\n` : describe(secret));
        return EXIT.ok;
      }
      case 'create': {
        const input: { name: string; value: string; description?: string } = { name: name!, value: value! };
        if (description !== undefined) input.description = description;
        // The create's own list (after an exact duplicate is refused there, before anything is sent).
        let warnings: string[] = [];
        const onListed = (listed: readonly Secret[]): void => {
          warnings = similarNameWarnings(name!, listed);
          for (const warning of warnings) io.stderr(`warning: ${sanitize(warning)}\n`);
        };
        const secret = await client.createSecret(input, { onListed });
        recordCliHistory(io, account, 'created', secret.name);
        io.stdout(json ? `${JSON.stringify({ ...metadata(secret), warnings }, null, 2)}\n` : `Created secret ${sanitize(secret.name)}. Reference it as ${formatReference(sanitize(secret.name))}\n`);
        return EXIT.ok;
      }
      case 'update': {
        const patch: { value?: string; description?: string } = {};
        if (value !== undefined) patch.value = value;
        if (description !== undefined) patch.description = description;
        const secret = await client.updateSecret(name!, patch);
        if (value !== undefined) recordCliHistory(io, account, 'value-changed', secret.name);
        if (description !== undefined) recordCliHistory(io, account, 'description-changed', secret.name);
        const what = [value !== undefined ? 'value' : '', description !== undefined ? 'description' : ''].filter(Boolean).join(' and ');
        io.stdout(json ? `${JSON.stringify(metadata(secret), null, 2)}\n` : `Updated the ${what} of secret ${sanitize(secret.name)}.${value !== undefined ? ` ${VALUE_CHANGE_MEANING}` : ''}\n`);
        return EXIT.ok;
      }
      default: {
        // usage, rotate and delete returned above; a new subcommand must be handled here (a type error otherwise).
        const unhandled: never = sub;
        throw new Error(`secrets ${String(unhandled)} is not handled`);
      }
    }
  } finally {
    await client.close();
  }
}

/**
 * The editor's warning for a new name the same as a secret's but for case or - and _ (the new-name
 * box's rule and words: secretInputRules.ts validateNewSecretName), as a list: the create goes ahead.
 */
function similarNameWarnings(name: string, listed: readonly Secret[]): string[] {
  const problem = validateNewSecretName(name, listed.map((s) => s.name));
  return problem?.severity === 'warning' ? [problem.message] : [];
}

/** The fields printed for a secret: metadata, never a value (the API has none to give anyway). */
function metadata(s: Secret): Record<string, unknown> {
  return { id: s.id, name: s.name, description: s.description, createdAt: s.createdAt, valueLastUpdatedAt: s.valueLastUpdatedAt };
}

function describe(s: Secret): string {
  return [
    `name:         ${sanitize(s.name)}`,
    `description:  ${sanitizeShowingInvisible(s.description) || '(none)'}`,
    `created:      ${shortDate(s.createdAt)}`,
    `value set:    ${shortDate(s.valueLastUpdatedAt) || 'unknown'}`,
    `reference:    ${formatReference(sanitize(s.name))}`,
    '',
  ].join('\n');
}

function rejectOptions(parsed: Parsed, names: readonly string[], command: string): void {
  for (const n of names) if (parsed.values[n] !== undefined) throw optionNotFor(n, command);
}

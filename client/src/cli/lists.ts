/** `templates list` and `gpus list [--available]`: read-only listings, a table or `--json`. */
import type { GpuType, Template } from '../runpod/index';
import { expectPositionals, flag, parseCommandArgs } from './args';
import { apiConfig, createClient } from './client';
import { EXIT, UsageError } from './errors';
import { helpFor } from './help';
import type { Io } from './io';
import { formatTable, sanitize, truncate } from './table';
import { resourceJson } from './resourceJson';
import { CLOUD_TYPES, CLOUDS } from '../runpod/clouds';
import { formatPrice, hasCapacity, maxGpuCount } from '../launch/gpuChoices';

export async function listCommand(group: 'templates' | 'gpus', argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(helpFor(group));
    return EXIT.ok;
  }
  if (sub !== 'list') throw new UsageError(sub ? `unknown ${group} command "${sanitize(sub)}"` : `missing ${group} command (list)`, group);
  const command = `${group} list`;
  const parsed = parseCommandArgs(rest, group === 'gpus' ? { json: { type: 'boolean' }, available: { type: 'boolean' } } : { json: { type: 'boolean' } }, command);
  if (flag(parsed, 'help')) {
    io.stdout(helpFor(command));
    return EXIT.ok;
  }
  expectPositionals(parsed, [], command);
  const client = createClient(apiConfig(io));
  try {
    if (group === 'templates') {
      const templates = await client.listTemplates();
      io.stdout(flag(parsed, 'json') ? resourceJson(templates) : templateTable(templates));
    } else {
      const available = flag(parsed, 'available');
      const all = await client.listGpuTypes({ availability: available });
      // --available: only the types that can be rented now in at least one cloud.
      const gpus = available ? all.filter(hasCapacity) : all;
      io.stdout(flag(parsed, 'json') ? `${JSON.stringify(gpus, null, 2)}\n` : gpuTable(gpus, available));
    }
    return EXIT.ok;
  } finally {
    await client.close();
  }
}

function templateTable(templates: readonly Template[]): string {
  return formatTable(
    ['ID', 'NAME', 'IMAGE', 'ENV', 'KIND'],
    templates.map((t) => [t.id, t.name, truncate(sanitize(t.image), 60), String(Object.keys(t.env ?? {}).length), t.serverless ? 'serverless' : 'pod']),
    '(no templates)',
  );
}

/** A price by the editor's rule (gpuChoices.ts formatPrice: `$0.69/hr`, `$0.345/hr`), `-` when the catalog gives none. */
function price(p: number | null | undefined): string {
  return typeof p === 'number' ? formatPrice(p) : '-';
}

/** Availability as the API gives it (a level, a count or a flag), `-` when absent. */
function availabilityText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? sanitize(String(v)) : '-';
}

/** What the catalog says of each cloud's availability, by the cloud's catalog key (runpod/clouds.ts). */
function availabilityOf(g: GpuType): Record<string, unknown> {
  return (g.availability ?? {}) as Record<string, unknown>;
}

/**
 * The table of `gpus list`: a price column per cloud of the one cloud table (runpod/clouds.ts),
 * headed by the value --cloud takes, and with --available each cloud's availability in that order.
 * MAX is the most GPUs a launch takes of the type (maxGpuCount), not the catalog's raw maxCount.
 */
export function gpuTable(gpus: readonly GpuType[], available: boolean): string {
  const headers = ['ID', 'MEMORY', ...CLOUDS, 'MAX'];
  if (available) headers.push(`AVAILABLE (${CLOUDS.join('/')})`);
  return formatTable(
    headers,
    gpus.map((g) => {
      const row = [g.id, `${g.memory} GB`, ...CLOUD_TYPES.map((c) => (g[c.catalogKey] ? price(g.price?.[c.catalogKey]) : '-')), String(maxGpuCount(g))];
      if (available) row.push(CLOUD_TYPES.map((c) => availabilityText(availabilityOf(g)[c.catalogKey])).join('/'));
      return row;
    }),
    '(no GPU types)',
  );
}

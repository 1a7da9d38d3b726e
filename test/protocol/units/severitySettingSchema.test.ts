/**
 * The `runpod.diagnostics.severity` setting's schema in package.json lists the codes VS Code offers
 * (completion and validation in settings.json). It must name exactly the codes the core emits, or
 * users cannot silence a code (it would be flagged as an unknown property) — `syntax-error` was once
 * missing this way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../../server/src/template/types';
import { SEVERITY_LEVELS } from '../../../server/src/template/severity';

interface SeveritySchema {
  propertyNames?: { enum?: unknown };
  additionalProperties?: { enum?: unknown };
}

function severitySchema(): SeveritySchema {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
    contributes?: { configuration?: { properties?: Record<string, SeveritySchema> } };
  };
  const schema = manifest.contributes?.configuration?.properties?.['runpod.diagnostics.severity'];
  if (!schema) throw new Error('package.json contributes no runpod.diagnostics.severity setting');
  return schema;
}

describe('runpod.diagnostics.severity schema in package.json', () => {
  it('offers exactly the diagnostic codes the core emits', () => {
    const offered = severitySchema().propertyNames?.enum;
    expect(Array.isArray(offered)).toBe(true);
    expect([...(offered as string[])].sort()).toEqual([...DIAGNOSTIC_CODES].sort());
    expect(new Set(offered as string[]).size).toBe((offered as string[]).length);
  });

  it('offers the levels the server accepts', () => {
    expect(severitySchema().additionalProperties?.enum).toEqual([...SEVERITY_LEVELS]);
  });
});

describe("README's diagnostics table", () => {
  it('names every diagnostic code the core emits, and no other', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| code | default | meaning |'));
    const rows = table.slice(0, table.search(/\n\s*\n/)).split('\n').slice(2);
    const named = rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));
    expect([...named].sort()).toEqual([...DIAGNOSTIC_CODES].sort());
  });
});

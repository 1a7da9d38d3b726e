/**
 * Field names of RunPod's older APIs (REST v1, retired 2026-11-15, and GraphQL) and what each is in
 * the REST v2 body a `*.runpod.json` file holds (shared runpod-api.md "Templates", "Pods"). People
 * moving a file over carry the old names; v2 rejects them (422), so the reader refuses them and
 * the JSON schema marks them, both with `olderFieldMessage`. The schema's entries are tested
 * against this table (test/grammar/template-schema.test.ts).
 */
export const OLDER_FIELDS: readonly { old: string; v2: string }[] = [
  { old: 'imageName', v2: 'image' },
  { old: 'containerDiskInGb', v2: 'disk' },
  { old: 'volumeInGb', v2: 'mounts.persistent.size' },
  { old: 'volumeMountPath', v2: 'mounts.persistent.path' },
  { old: 'dockerArgs', v2: 'args' },
  { old: 'dockerStartCmd', v2: 'args' },
  { old: 'isServerless', v2: 'serverless' },
  { old: 'isPublic', v2: 'public' },
  { old: 'containerRegistryAuthId', v2: 'registry' },
  { old: 'cloudType', v2: 'cloud' },
  { old: 'gpuTypeIds', v2: 'gpu.id' },
  { old: 'gpuCount', v2: 'gpu.count' },
];

const BY_OLD: ReadonlyMap<string, string> = new Map(OLDER_FIELDS.map((f) => [f.old, f.v2]));

/** `"imageName" is a field of RunPod's older APIs (REST v1, GraphQL): this file uses "image" (REST v2)`; undefined for other names (a Map: `constructor` is no field). */
export function olderFieldMessage(old: string): string | undefined {
  const v2 = BY_OLD.get(old);
  return v2 === undefined ? undefined : `"${old}" is a field of RunPod's older APIs (REST v1, GraphQL): this file uses "${v2}" (REST v2)`;
}

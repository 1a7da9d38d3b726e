/**
 * `secrets rotate NAME`: a new value (standard input or --value-file, read before connecting), the
 * PATCH, then the account's uses by what the new value means for them (secrets/rotatePlan.ts): the
 * running Pods that keep the old value until they restart (`--restart` restarts them, a result per
 * Pod), and the templates, endpoints and stopped Pods that pick it up at their next boot.
 * Exit 0, or 2 when a restart failed or --restart could not list the Pods (the value is changed
 * either way, and said so at once: an interruption leaves that on stdout and each answered restart
 * in the history).
 */
import { accountUsesOf, describeUse } from '../secrets/accountUsages';
import { impactLines, restartSummary, rotationImpact, stillOnOldValue, type RestartResult, type RotationImpact } from '../secrets/rotatePlan';
import { listAccount, uncheckedLine } from './secretUsage';
import { apiConfig, createClient } from './client';
import { EXIT } from './errors';
import { cliHistoryAccount, recordCliHistory } from './history';
import type { Io } from './io';
import { sanitize } from './table';
import { readValue } from './value';
import { podActionResult } from './pods';

export async function secretRotate(io: Io, name: string, options: { valueFile: string | undefined; restart: boolean; json: boolean }): Promise<number> {
  const command = 'secrets rotate';
  const value = (await readValue(io, { valueFile: options.valueFile, prompt: `New value for ${name} (input hidden): `, command }))!;
  const config = apiConfig(io);
  const client = createClient(config, [value]);
  // One client sends the value and the restarts: both entries name its account.
  const account = cliHistoryAccount(client, config);
  try {
    const secret = await client.updateSecret(name, { value });
    recordCliHistory(io, account, 'value-changed', name);
    // Said as soon as it is true: a Ctrl+C from here on must not leave the user thinking nothing changed.
    if (!options.json) io.stdout(`Updated the value of secret ${sanitize(secret.name)}.\n`);
    const { uses, unchecked } = accountUsesOf(await listAccount(client), name);
    const impact = rotationImpact(uses);
    // Pods not listed: none could be restarted, and any running one may still hold the old value.
    const podsUnlisted = options.restart && unchecked.some((u) => u.kind === 'pod');
    let results: RestartResult[] | undefined;
    if (options.restart && impact.restart.length > 0) {
      results = [];
      for (const pod of impact.restart) {
        const r = await podActionResult(client, pod.id, 'restart');
        const result: RestartResult = { id: pod.id, name: pod.name, ok: r.ok, ...(r.ok ? {} : { error: r.error }) };
        results.push(result);
        // Recorded as each restart is answered, so an interruption leaves an accurate history.
        recordCliHistory(io, account, 'pods-restarted', name, { pods: [{ id: result.id, name: result.name, ok: result.ok }] });
        if (!options.json) io.stderr(`${r.ok ? 'restarted' : 'not restarted'}: ${sanitize(describeUse(pod))} (${sanitize(pod.id)})${result.error ? `: ${sanitize(result.error.text())}` : ''}\n`);
      }
    }
    const summary = results ? restartSummary(results) : undefined;
    if (options.json) {
      const brief = (list: typeof impact.restart) => list.map(({ kind, id, name: n, status }) => ({ kind, id, name: n, ...(status ? { status } : {}) }));
      io.stdout(
        `${JSON.stringify(
          {
            secret: { id: secret.id, name: secret.name, valueLastUpdatedAt: secret.valueLastUpdatedAt },
            restart: brief(impact.restart),
            booting: brief(impact.booting),
            nextBoot: brief(impact.nextBoot),
            unchecked,
            ...(results ? { restarted: results } : {}),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const line of linesAfter(impact, results !== undefined)) io.stdout(`${sanitize(line)}\n`);
      if (summary) {
        io.stdout(`${summary.message}\n`);
        // The editor's line too: which Pods still run on the old value (names from the API, made safe).
        const still = results && stillOnOldValue(results, name);
        if (still) io.stdout(`${sanitize(still)}\n`);
        const failed = results!.filter((r) => !r.ok).map((r) => r.id);
        if (failed.length > 0) io.stdout(`${restartAdvice(failed)}\n`);
      } else if (impact.restart.length > 0) io.stdout(`${restartAdvice(impact.restart.map((p) => p.id))}\n`);
      if (podsUnlisted) io.stdout(`${sanitize(unlistedPodsAdvice(secret.name))}\n`);
      for (const u of unchecked) io.stderr(`${uncheckedLine(u)}\n`);
    }
    // Restarts asked for and not all done (failed, or the Pods unlisted): not a confident 0, as `secrets usage` for an unread account.
    return (summary && !summary.allOk) || podsUnlisted ? EXIT.failure : EXIT.ok;
  } finally {
    await client.close();
  }
}

/**
 * The plan's lines as they stand once the restarts are done: the running Pods were just restarted,
 * so they are not "on the old value until they restart" (the summary and stillOnOldValue say how
 * each went, as the editor's report does); the rest of the plan stands.
 */
function linesAfter(impact: RotationImpact, restarted: boolean): string[] {
  if (!restarted) return impactLines(impact);
  const rest = { ...impact, restart: [] };
  // Without booting or next-boot uses the plan's only words would be "nothing references it": untrue.
  return rest.booting.length + rest.nextBoot.length === 0 ? [] : impactLines(rest);
}

/**
 * The command that restarts these Pods, for when the user is ready (a restart ends what a Pod is
 * running). The ids come from the API: one that is not a plain word is single-quoted, so a pasted
 * command never runs what a hostile server put in an id.
 */
export function restartAdvice(ids: readonly string[]): string {
  const them = ids.length === 1 ? 'it' : 'them';
  // `--` first when an id begins with a dash, so it is read as an id and not as an option.
  const words = [...(ids.some((id) => id.startsWith('-')) ? ['--'] : []), ...ids.map(shellWord)];
  return `To give ${them} the new value, restart ${them} (each restart ends what the Pod is running): runpod-check pods restart ${words.join(' ')}`;
}

/** `--restart` with the Pods unlisted: none was restarted, and how to find and restart the ones that use the secret (the caller makes it safe to show). */
function unlistedPodsAdvice(name: string): string {
  return `Running Pods that use ${name} may still hold the old value: the Pods could not be listed, so none was restarted. Once they can be, \`runpod-check secrets usage ${shellWord(name)}\` names them; restart each with \`runpod-check pods restart <id>\`.`;
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * `secrets rotate NAME`: a new value (standard input or --value-file, read before connecting), the
 * PATCH, then the account's uses by what the new value means for them (secrets/rotatePlan.ts): the
 * running Pods that keep the old value until they restart (`--restart` restarts them, a result per
 * Pod), and the templates, endpoints and stopped Pods that pick it up at their next boot.
 * Exit 0, or 2 when a restart failed or --restart could not list the Pods (the value is changed
 * either way, and said so at once). The history gets the editor's two entries: the value change,
 * then one for the round of restarts (rotatePlan.ts restartRecord). SIGINT, SIGTERM or SIGHUP after the
 * value change stops the restarts: the answered ones are recorded and printed (--json: the one
 * document, with `interrupted`), the one unanswered named as such, then exit 130, 143 or 129.
 */
import { count } from '../../../server/src/template/counts';
import { ACCOUNT_RESOURCE_KINDS, accountUsesOf, describeUse, type AccountUse, type AccountUnchecked } from '../secrets/accountUsages';
import { impactLines, restartOutcome, restartRecord, restartSummary, rotationImpact, stillOnOldValue, type RestartResult, type RotationImpact } from '../secrets/rotatePlan';
import type { RunpodClient } from '../runpod/index';
import { listAccount, uncheckedLine } from './secretUsage';
import { apiConfig, createClient } from './client';
import { EXIT } from './errors';
import { cliHistoryAccount, recordCliHistory } from './history';
import type { Io } from './io';
import { sanitize } from './table';
import { readValue } from './value';
import { podActionResult } from './pods';
import { stopSignals, type StopSignal, type StopSignals } from './interruptedWrites';

export async function secretRotate(io: Io, name: string, options: { valueFile: string | undefined; restart: boolean; json: boolean }): Promise<number> {
  const command = 'secrets rotate';
  const value = (await readValue(io, { valueFile: options.valueFile, prompt: `New value for ${name} (input hidden): `, command }))!;
  const config = apiConfig(io);
  const client = createClient(config, [value]);
  // One client sends the value and the restarts: both entries name its account.
  const account = cliHistoryAccount(client, config);
  let stop: StopSignals | undefined;
  /** The signal that left something undone (a Pod unlisted, a restart unanswered or unsent): the exit is its code. */
  let interrupted: StopSignal | undefined;
  try {
    const secret = await client.updateSecret(name, { value });
    recordCliHistory(io, account, 'value-changed', name);
    // Said as soon as it is true: a Ctrl+C from here on must not leave the user thinking nothing changed.
    if (!options.json) io.stdout(`Updated the value of secret ${sanitize(secret.name)}.\n`);
    // From here a stop signal (stopSignals) stops the steps rather than the process: what was answered is
    // recorded and printed (--json too), then the exit is 130, 143 or 129 (stopExitCode).
    stop = stopSignals();
    const brief = (list: readonly AccountUse[]) => list.map(({ kind, id, name: n, status }) => ({ kind, id, name: n, ...(status ? { status } : {}) }));
    const secretJson = { id: secret.id, name: secret.name, valueLastUpdatedAt: secret.valueLastUpdatedAt };
    const listed = await stop.until(() => listAccount(client));
    if (!listed) {
      interrupted = stop.signal;
      // The document help.ts promises, its lists empty: nothing was listed, so nothing is known of the uses.
      const unchecked: AccountUnchecked[] = ACCOUNT_RESOURCE_KINDS.map((kind) => ({ kind, reason: 'interrupted before the account was listed' }));
      if (options.json) io.stdout(`${JSON.stringify({ secret: secretJson, restart: [], booting: [], nextBoot: [], unchecked, interrupted }, null, 2)}\n`);
      else io.stdout(`${sanitize(unlistedPodsAdvice(secret.name, true))}\n`);
      return EXIT.cancelled;
    }
    const { uses, unchecked } = accountUsesOf(listed, name);
    const impact = rotationImpact(uses);
    // Pods not listed: none could be restarted, and any running one may still hold the old value.
    const podsUnlisted = options.restart && unchecked.some((u) => u.kind === 'pod');
    const round = options.restart && impact.restart.length > 0 ? await restartEach(client, impact.restart, stop, options.json ? undefined : io) : undefined;
    const results = round?.results;
    // One entry for the round, as the editor records it; only the restarts answered (rotatePlan.ts).
    const record = results && restartRecord(results);
    if (record) recordCliHistory(io, account, record.action, name, { pods: record.pods });
    const summary = results ? restartSummary(results) : undefined;
    // A signal after the last step was answered left nothing undone: a complete run, reported and ended as one.
    const left = round ? round.unanswered.length + round.notSent.length : 0;
    interrupted = left > 0 ? stop.signal : undefined;
    if (options.json) {
      const cut = interrupted && round ? { interrupted, unanswered: brief(round.unanswered), notRestarted: brief(round.notSent) } : {};
      io.stdout(
        `${JSON.stringify(
          {
            secret: secretJson,
            restart: brief(impact.restart),
            booting: brief(impact.booting),
            nextBoot: brief(impact.nextBoot),
            unchecked,
            ...(results ? { restarted: results } : {}),
            ...cut,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const line of linesAfter(impact, results !== undefined)) io.stdout(`${sanitize(line)}\n`);
      if (summary) {
        // Interrupted, the "Interrupted: N of M" line below counts the round instead (the summary counts only those answered).
        if (!interrupted) io.stdout(`${summary.message}\n`);
        // The editor's line too: which Pods still run on the old value (names from the API, made safe).
        const still = results && stillOnOldValue(results, name);
        if (still) io.stdout(`${sanitize(still)}\n`);
        const failed = results!.filter((r) => !r.ok).map((r) => r.id);
        if (failed.length > 0) io.stdout(`${restartAdvice(failed)}\n`);
      } else if (impact.restart.length > 0) io.stdout(`${restartAdvice(impact.restart.map((p) => p.id))}\n`);
      if (podsUnlisted) io.stdout(`${sanitize(unlistedPodsAdvice(secret.name, false))}\n`);
      if (interrupted && round) {
        // The Pod sent and not answered is named on stderr (interruptedWrites.ts); those never sent get the command.
        io.stdout(`Interrupted: ${results!.filter((r) => r.ok).length} of ${count(impact.restart.length, 'Pod')} restarted.\n`);
        if (round.notSent.length > 0) io.stdout(`${restartAdvice(round.notSent.map((p) => p.id))}\n`);
      }
      for (const u of unchecked) io.stderr(`${uncheckedLine(u)}\n`);
    }
    // Restarts asked for and not all done (failed, or the Pods unlisted): not a confident 0, as `secrets usage` for an unread account.
    return (summary && !summary.allOk) || podsUnlisted ? EXIT.failure : EXIT.ok;
  } finally {
    stop?.release();
    // Interrupted: the unanswered restart would hold the client's close until its answer; all is said and recorded.
    if (interrupted) await stop!.exit();
    await client.close();
  }
}

/**
 * Restarts `pods` one at a time until a stop signal: the results answered, the Pod whose restart was
 * sent and not answered when the signal came, and those never sent. With `io` (text), a line per
 * answered restart on stderr.
 */
async function restartEach(client: RunpodClient, pods: readonly AccountUse[], stop: StopSignals, io: Io | undefined): Promise<{ results: RestartResult[]; unanswered: AccountUse[]; notSent: AccountUse[] }> {
  const results: RestartResult[] = [];
  for (const [i, pod] of pods.entries()) {
    const r = await stop.until(() => podActionResult(client, pod.id, 'restart'));
    if (!r) return { results, unanswered: [pod], notSent: pods.slice(i + 1) };
    const result: RestartResult = { id: pod.id, name: pod.name, ok: r.ok, ...(r.ok ? {} : { error: r.error, ...(r.mayHaveSucceeded ? { mayHaveRestarted: true } : {}) }) };
    results.push(result);
    // The editor's words for each outcome (rotatePlan.ts restartOutcome).
    io?.stderr(`${restartOutcome(result)}: ${sanitize(describeUse(pod))} (${sanitize(pod.id)})${result.error ? `: ${sanitize(result.error.text())}` : ''}\n`);
    if (stop.signal) return { results, unanswered: [], notSent: pods.slice(i + 1) };
  }
  return { results, unanswered: [], notSent: [] };
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

/**
 * The Pods unlisted (with `--restart`, or a signal while listing): none was restarted, and how to
 * find and restart the ones that use the secret (the caller makes it safe to show).
 */
function unlistedPodsAdvice(name: string, interrupted: boolean): string {
  const why = interrupted ? 'interrupted before the Pods were listed' : 'the Pods could not be listed';
  const usage = `\`runpod-check secrets usage ${shellWord(name)}\``;
  return `Running Pods that use ${name} may still hold the old value: ${why}, so none was restarted. ${interrupted ? usage : `Once they can be, ${usage}`} names them; restart each with \`runpod-check pods restart <id>\`.`;
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

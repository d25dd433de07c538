// The gateway as a user meets it: `batchdesk serve` (in process) in front of the three fake providers and the
// demo provider, and the official openai SDK pointed at it with the gateway token as the API key.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { startLocalServer, type LocalServer } from '../../../src/main/server/index.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';

export interface Gateway {
  client: OpenAI;
  server: LocalServer;
  host: EngineHost;
  fakes: Fakes;
  dir: string;
  /** Write a JSONL batch input file and return its path. */
  file(name: string, lines: unknown[]): Promise<string>;
  close(): Promise<void>;
}

export const chatLine = (customId: string, model: string, content = `Say something about ${customId}`) => ({
  custom_id: customId,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }], max_tokens: 50 },
});

export async function startGateway(env: Record<string, string> = {}): Promise<Gateway> {
  const dir = await mkdtemp(join(tmpdir(), 'bd-gateway-'));
  const fakes = await startFakes();
  const host = new EngineHost({ home: join(dir, 'data'), env: { BATCHDESK_DEMO_SECONDS: '2', BATCHDESK_POLL_INTERVAL_MS: '100', BATCHDESK_KEYCHAIN: 'off', ...fakes.env, ...env } });
  host.monitor.start({ keepAlive: false });
  const server = await startLocalServer({ host, port: 0, log: () => {} });
  // Scripts use the gateway token, which opens /v1 only.
  const client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: server.gatewayToken, maxRetries: 0 });
  return {
    client,
    server,
    host,
    fakes,
    dir,
    async file(name, lines) {
      const path = join(dir, name);
      await writeFile(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
      return path;
    },
    async close() {
      await server.close();
      await host.close();
      await fakes.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Retrieve until the batch reaches one of `statuses` (or the deadline). */
export async function waitForBatch(client: OpenAI, id: string, statuses: string[], timeoutMs = 30_000): Promise<OpenAI.Batches.Batch> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await client.batches.retrieve(id);
    if (statuses.includes(batch.status) || Date.now() > deadline) return batch;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

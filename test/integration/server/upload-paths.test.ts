// Issue 12, traceability in the browser: files dropped as a folder keep their path inside it, so two notes.txt in
// x/ and y/ are labelled x/notes.txt and y/notes.txt, as the CLI labels them; a path in the header can never leave
// the upload's own folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, callOver, send, serveEngine, type ServedEngine } from './http-helpers.ts';

describe('uploads keep their place in a dropped folder', () => {
  let served: ServedEngine;
  beforeAll(async () => {
    served = await serveEngine();
  });
  afterAll(() => served?.close());

  const upload = async (name: string, text: string, group: string) => {
    const reply = await send(served.server, { method: 'POST', path: '/api/upload', headers: { ...bearer(served.server.adminToken), 'x-file-name': encodeURIComponent(name), 'x-upload-group': group }, body: text });
    expect(reply.status).toBe(200);
    return (JSON.parse(reply.body) as { path: string }).path;
  };

  it('labels two same-named files by their folders', async () => {
    const group = crypto.randomUUID();
    const paths = [await upload('docs/x/notes.txt', 'notes of x', group), await upload('docs/y/notes.txt', 'notes of y', group)];
    const reply = await callOver(served.server, served.server.adminToken, 'runs.estimate', { files: paths, models: ['demo/echo'], prompt: 'Summarise' });
    expect(reply.status).toBe(200);
    const estimate = JSON.parse(reply.body) as { preview: { job_id: string }[] };
    expect(estimate.preview.map((p) => p.job_id).sort()).toEqual(['x/notes.txt', 'y/notes.txt']);
  });

  it('never writes outside the upload folder, whatever the header says', async () => {
    const path = await upload('../../../etc/../../escape.txt', 'x', crypto.randomUUID());
    expect(path.startsWith(`${served.engine.host.dataFolder}/uploads/`)).toBe(true);
    expect(path.endsWith('/etc/escape.txt')).toBe(true);
    const bogusGroup = await upload('a.txt', 'x', '../../somewhere');
    expect(bogusGroup).toMatch(/\/uploads\/[0-9a-f-]{36}\/a\.txt$/);
  });
});

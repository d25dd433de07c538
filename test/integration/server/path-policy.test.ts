// No client-chosen local paths over HTTP: runs.estimate, runs.create and files.describe read a path only when it
// lies, after `..` and symlinks are resolved, inside an uploaded file's folder or a `--allow-dir` folder. Everything
// else is 403 with the rule, before any handler reads a byte. The desktop app keeps reading the paths it is given.
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, callOver, send, serveEngine, type ServedEngine } from './http-helpers.ts';

const SECRET = 'secret-contents-4f9a2c';

describe('local paths over HTTP', () => {
  let served: ServedEngine;
  let allowed = '';
  let outside = '';
  let root = '';
  const call = async (name: string, input: unknown) => {
    const reply = await callOver(served.server, served.server.adminToken, name, input);
    return { status: reply.status, raw: reply.body, body: JSON.parse(reply.body) as { error?: { code: string; message: string }; jobs?: number; run_id?: string } };
  };
  const estimate = (files: string[]) => call('runs.estimate', { files, models: ['demo/echo'], prompt: 'Summarise' });

  beforeAll(async () => {
    root = join(process.env.TMPDIR ?? '/tmp', `bd-paths-${process.pid}-${Date.now()}`);
    allowed = join(root, 'allowed');
    outside = join(root, 'outside');
    await mkdir(join(allowed, 'folder'), { recursive: true });
    await mkdir(outside, { recursive: true });
    await writeFile(join(allowed, 'inside.txt'), 'an allowed note');
    await writeFile(join(allowed, 'folder', 'one.txt'), 'first');
    for (const name of ['secret.txt', 'secret.json', 'rows.csv', 'requests.jsonl']) await writeFile(join(outside, name), name === 'rows.csv' ? `id,text\n1,${SECRET}\n` : SECRET);
    await symlink(join(outside, 'secret.txt'), join(allowed, 'link.txt'));
    await symlink(outside, join(allowed, 'linked-folder'));
    await symlink(join(outside, 'secret.txt'), join(allowed, 'folder', 'sneaky.txt'));
    served = await serveEngine({ allowDirs: [allowed] });
  });
  afterAll(async () => {
    await served?.close();
    await rm(root, { recursive: true, force: true });
  });

  const expectForbidden = (reply: { status: number; raw: string; body: { error?: { code: string; message: string } } }, what: string) => {
    expect(reply.status, what).toBe(403);
    expect(reply.body.error?.code, what).toBe('forbidden');
    expect(reply.body.error?.message, what).toMatch(/--allow-dir/);
    expect(reply.raw, what).not.toContain(SECRET);
  };

  it('refuses a path outside --allow-dir: directly, through .., through a symlink or a symlinked folder', async () => {
    const attempts = {
      direct: join(outside, 'secret.txt'),
      json: join(outside, 'secret.json'),
      dotdot: `${allowed}/../outside/secret.txt`,
      dotdotDeep: `${allowed}/folder/../../outside/secret.json`,
      symlink: join(allowed, 'link.txt'),
      symlinkedFolder: join(allowed, 'linked-folder', 'secret.txt'),
      wholeSymlinkedFolder: join(allowed, 'linked-folder'),
      relative: 'secret.txt',
      system: '/etc/hostname',
    };
    for (const [what, path] of Object.entries(attempts)) {
      expectForbidden(await estimate([path]), `estimate ${what}`);
      expectForbidden(await call('runs.create', { files: [path], models: ['demo/echo'], prompt: 'P' }), `create ${what}`);
      expectForbidden(await call('files.describe', { paths: [path] }), `describe ${what}`);
    }
    expect(served.engine.host.store.runs.list(10)).toEqual([]);
  });

  it('refuses a dataset or a requests file outside, and one bad path among good ones', async () => {
    expectForbidden(await call('runs.estimate', { dataset: join(outside, 'rows.csv'), template: '{{text}}', models: ['demo/echo'] }), 'dataset');
    expectForbidden(await call('runs.estimate', { requests: `${allowed}/../outside/requests.jsonl` }), 'requests');
    expectForbidden(await estimate([join(allowed, 'inside.txt'), join(allowed, 'link.txt')]), 'mixed');
  });

  it('reads files inside --allow-dir, and does not follow a symlink found while walking an allowed folder', async () => {
    const inside = await estimate([join(allowed, 'inside.txt'), `${allowed}/folder/../inside.txt`]);
    expect(inside.status).toBe(200);
    expect(inside.raw).toContain('an allowed note');
    const folder = await estimate([join(allowed, 'folder')]);
    expect(folder.status).toBe(200);
    expect(folder.body.jobs).toBe(1);
    expect(folder.raw).not.toContain(SECRET);
    const described = await call('files.describe', { paths: [join(allowed, 'folder'), join(allowed, 'missing.txt')] });
    expect(described.status).toBe(200);
    expect(described.raw).toContain('one.txt');
    expect(described.raw).not.toContain('sneaky');
    expect(described.raw).toContain('no such file');
  });

  it('reads uploads: an uploaded file can be described, estimated and run', async () => {
    const upload = await send(served.server, { method: 'POST', path: '/api/upload', headers: { ...bearer(served.server.adminToken), 'x-file-name': 'dropped.txt' }, body: 'a dropped note' });
    const { path } = JSON.parse(upload.body) as { path: string };
    expect((await call('files.describe', { paths: [path] })).raw).toContain('"kind":"text"');
    expect((await estimate([path])).raw).toContain('a dropped note');
    const created = await call('runs.create', { files: [path], models: ['demo/echo'], prompt: 'P' });
    expect(created.status).toBe(200);
    expect(created.body.run_id).toMatch(/^run_/);
  });

  it('leaves the desktop face alone: its service reads the paths it is given', async () => {
    const result = await served.engine.service.invoke('runs.estimate', { files: [join(outside, 'secret.txt')], models: ['demo/echo'], prompt: 'P' });
    expect(result.ok).toBe(true);
  });
});

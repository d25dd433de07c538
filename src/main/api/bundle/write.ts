// A methods bundle written out: into a new folder (batchdesk bundle RUN -o DIR) or as one zip streamed to a file or
// an HTTP response (the UI, through runs.export format methods_zip). Each file's SHA-256 is taken while it is
// written and listed in manifest.json, written last.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { Zip, ZipDeflate } from 'fflate';
import { BUNDLE_FILES } from '../../../shared/methods-bundle.ts';
import { InputError } from '../../core/errors.ts';
import type { EngineHost } from '../engine-host.ts';
import { collectBundle, type BundleEntry } from './collect.ts';

const toBuffer = (chunk: string | Buffer) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk);

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Stream every entry into `put`, returning each file's SHA-256; the manifest goes last. */
async function emit(host: EngineHost, runId: string, open: (name: string) => { put(chunk: Buffer): Promise<void>; end(): Promise<void> }): Promise<string[]> {
  const bundle = await collectBundle(host, runId);
  const shas: Record<string, string> = {};
  const writeEntry = async (entry: BundleEntry) => {
    const file = open(entry.name);
    const hash = createHash('sha256');
    for await (const chunk of entry.chunks()) {
      const bytes = toBuffer(chunk);
      hash.update(bytes);
      await file.put(bytes);
    }
    await file.end();
    return hash.digest('hex');
  };
  for (const entry of bundle.entries) shas[entry.name] = await writeEntry(entry);
  const manifest = `${JSON.stringify(bundle.manifest(shas), null, 2)}\n`;
  await writeEntry({ name: BUNDLE_FILES.manifest, chunks: async function* () { yield manifest; } });
  return [...Object.keys(shas), BUNDLE_FILES.manifest];
}

/** Write the bundle into `dir`, which must not exist yet or be empty. Returns the files written. */
export async function writeBundleDir(host: EngineHost, runId: string, dir: string): Promise<{ dir: string; files: string[] }> {
  const target = resolve(dir);
  const existing = await readdir(target).catch(() => null);
  if (existing && existing.length) throw new InputError(`${target} is not empty: give a new folder for the bundle`);
  await mkdir(join(target, BUNDLE_FILES.requests), { recursive: true });
  const files = await emit(host, runId, (name) => {
    const path = join(target, name);
    const out = createWriteStream(path);
    return {
      put: (chunk) => write(out, chunk),
      end: async () => {
        out.end();
        await once(out, 'finish');
      },
    };
  });
  return { dir: target, files };
}

/** Stream the bundle as a zip into `out` (a file or an HTTP response); does not end `out`. Returns the entry count. */
export async function writeBundleZip(host: EngineHost, runId: string, out: Writable): Promise<number> {
  let failure: Error | null = null;
  let pending: Promise<void> = Promise.resolve();
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else pending = pending.then(() => write(out, Buffer.from(data)));
  });
  const files = await emit(host, runId, (name) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    return {
      put: async (chunk) => {
        entry.push(chunk);
        await pending;
      },
      end: async () => {
        entry.push(new Uint8Array(0), true);
        await pending;
      },
    };
  });
  zip.end();
  await pending;
  if (failure) throw failure;
  return files.length;
}

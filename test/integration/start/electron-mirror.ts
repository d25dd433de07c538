// A stand-in for an Electron download mirror on 127.0.0.1: it serves electron-vVERSION-PLATFORM-ARCH.zip holding a
// stub executable named as Electron's Linux binary, and the SHASUMS256.txt that Electron's installer checks it
// against (with electron_use_remote_checksums set). Every requested path is recorded.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { storedZip } from '../../helpers/zip.ts';

export interface ElectronMirror {
  /** The ELECTRON_MIRROR value (ends in /). */
  url: string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

export async function startElectronMirror(version: string, stubSource: string): Promise<ElectronMirror> {
  const fileName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  const zip = storedZip([
    { name: 'electron', data: Buffer.from(stubSource), mode: 0o755 },
    { name: 'version', data: Buffer.from(`v${version}`), mode: 0o644 },
  ]);
  const files = new Map<string, Buffer>([
    [`/electron/v${version}/${fileName}`, zip],
    [
      `/electron/v${version}/SHASUMS256.txt`,
      Buffer.from(`${createHash('sha256').update(zip).digest('hex')} *${fileName}\n`),
    ],
  ]);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'content-length': body?.length ?? 0 });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/electron/`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

// A stand-in for an Electron download mirror on 127.0.0.1: it serves electron-vVERSION-PLATFORM-ARCH.zip holding a
// stub executable named as Electron's Linux binary, and the SHASUMS256.txt that Electron's installer checks it
// against (with electron_use_remote_checksums set). Every requested path is recorded.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { crc32 } from 'node:zlib';

interface ZipEntry {
  name: string;
  data: Buffer;
  mode: number;
}

/** A ZIP archive of stored (uncompressed) entries with Unix permissions, which is all a stub binary needs. */
export function storedZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, mode } of entries) {
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes carry the file mode
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

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

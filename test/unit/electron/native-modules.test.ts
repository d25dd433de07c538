// The native-module story of the desktop app (docs/native-modules.md): Node-API binaries that load in Node and
// Electron alike, unpacked from the asar and handed to the store in the packaged app.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteNativeBinding } from '../../../src/main/electron/native-binding.ts';

const root = resolve(import.meta.dirname, '../../..');
const script = join(root, 'scripts/electron-native.mjs');
const native = (await import(pathToFileURL(script).href)) as {
  addonKind(file: string): 'node-api' | 'abi-specific' | 'missing' | 'unknown';
  sqliteBinary(packageDir: string, platform?: string, arch?: string, musl?: boolean): string;
  keytarBinary(packageDir: string): string;
};
const require = createRequire(join(root, 'package.json'));
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const scratch = mkdtempSync(join(tmpdir(), 'bd-native-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('better-sqlite3', () => {
  it('ships a Node-API prebuild for every desktop platform Batchdesk packages', () => {
    for (const target of [
      'linux-x64',
      'linux-arm64',
      'darwin-x64',
      'darwin-arm64',
      'win32-x64',
      'win32-arm64',
    ]) {
      const [platform, arch] = target.split('-');
      expect(native.addonKind(native.sqliteBinary(sqliteDir, platform, arch, false)), target).toBe(
        'node-api',
      );
    }
  });

  it('loads from the exact file the packaged app passes as nativeBinding', () => {
    const prebuild = native.sqliteBinary(sqliteDir);
    const db = new Database(':memory:', { nativeBinding: prebuild });
    expect(db.prepare('SELECT 1 + 1 AS two').get()).toEqual({ two: 2 });
    db.close();
  });
});

describe('the check run by npm start and npm run package', () => {
  it('passes here, naming both modules as Node-API', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/better-sqlite3: Node-API binary/);
    expect(run.stdout).toMatch(/keytar: Node-API binary/);
  });

  it('tells an ABI-specific (electron-rebuild) binary and a missing one from a Node-API one', () => {
    const abi = join(scratch, 'abi.node');
    writeFileSync(
      abi,
      Buffer.concat([Buffer.from('\x7fELF....'), Buffer.from('node_register_module_v137\0')]),
    );
    expect(native.addonKind(abi)).toBe('abi-specific');
    expect(native.addonKind(join(scratch, 'none.node'))).toBe('missing');
    expect(native.addonKind(native.keytarBinary(dirname(require.resolve('keytar/package.json'))))).toBe(
      'node-api',
    );
  });
});

describe('the packaged app', () => {
  const exists = (files: string[]) => (path: string) => files.includes(path);
  const resourcesPath = '/opt/Batchdesk/resources';
  const unpacked = join(
    resourcesPath,
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'prebuilds',
    'linux-x64.node',
  );

  it('passes the unpacked prebuild to the store', () => {
    expect(
      sqliteNativeBinding({
        isPackaged: true,
        resourcesPath,
        platform: 'linux',
        arch: 'x64',
        exists: exists([unpacked]),
      }),
    ).toBe(unpacked);
  });

  it('leaves development and unknown platforms to better-sqlite3 itself', () => {
    expect(
      sqliteNativeBinding({
        isPackaged: false,
        resourcesPath,
        platform: 'linux',
        arch: 'x64',
        exists: exists([unpacked]),
      }),
    ).toBeUndefined();
    expect(
      sqliteNativeBinding({
        isPackaged: true,
        resourcesPath,
        platform: 'freebsd',
        arch: 'x64',
        exists: exists([unpacked]),
      }),
    ).toBeUndefined();
  });
});

describe('electron-builder.yml', () => {
  const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
  const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
    string,
    unknown
  >;

  it("is valid against electron-builder's own schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(builderRequire('./scheme.json'));
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('turns the fuses off that let the app be run as plain Node or fed NODE_OPTIONS, and on for asar integrity', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs into an asar, unpacks the native binaries and never rebuilds them', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    const unpack = config.asarUnpack as string[];
    const matches = (file: string) =>
      unpack.some((glob) => new RegExp(`^${glob.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(file));
    expect(matches('node_modules/better-sqlite3/prebuilds/win32-x64.node')).toBe(true);
    expect(matches('node_modules/keytar/build/Release/keytar.node')).toBe(true);
  });

  it('builds AppImage and deb, dmg and nsis', () => {
    expect(config).toMatchObject({
      productName: 'Batchdesk',
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: 'dmg' },
      win: { target: 'nsis' },
    });
  });
});

// The desktop app's log: what the service and the shell report (refused IPC senders, internal errors with their
// details, shutdown problems) goes to <data folder>/logs/desktop.log, where "the details are in its log" points
// a user, and to stderr for `npm start`. Callers pass lines that hold no key (the service redacts its own).
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export function logFilePath(dataFolder: string): string {
  return join(dataFolder, 'logs', 'desktop.log');
}

export function createDesktopLog(
  dataFolder: string,
  stderr: Pick<NodeJS.WriteStream, 'write'> = process.stderr,
): { log(line: string): void; close(): void } {
  let file: WriteStream | null = null;
  try {
    mkdirSync(join(dataFolder, 'logs'), { recursive: true });
    file = createWriteStream(logFilePath(dataFolder), { flags: 'a' });
    file.on('error', () => (file = null));
  } catch {
    file = null;
  }
  return {
    log(line) {
      const stamped = `${new Date().toISOString()} ${line}\n`;
      file?.write(stamped);
      stderr.write(stamped);
    },
    close() {
      file?.end();
      file = null;
    },
  };
}

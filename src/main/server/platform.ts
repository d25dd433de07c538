// What the service can do for a browser, and what it must not: no native dialogs; exports become single-use
// download tickets of GET /api/export; every client-supplied local path passes the server's path rule; a
// base-URL change needs an explicit confirmation.
import type { ServicePlatform } from '../api/service/index.ts';
import type { DownloadTickets } from './download-tickets.ts';
import type { LocalPathRule } from './local-paths.ts';

export const HTTP_FACE = 'local server';

export function httpPlatform(options: { tickets: DownloadTickets; paths: LocalPathRule }): ServicePlatform {
  return {
    face: HTTP_FACE,
    exportUrl: (request) => `/api/export?ticket=${options.tickets.issue(request)}`,
    checkLocalPath: (path) => options.paths.check(path),
    confirmKeyDestinations: true,
  };
}

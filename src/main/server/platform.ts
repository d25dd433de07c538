// What the service can do for a browser, and what it must not: no native dialogs; exports become single-use
// download tickets of GET /api/export (and raw-file zips of GET /api/raw-files); every client-supplied local path passes the server's path rule; a
// base-URL change needs an explicit confirmation.
import type { RawFilesRequest, ServicePlatform } from '../api/service/index.ts';
import type { DownloadTickets } from './download-tickets.ts';
import type { LocalPathRule } from './local-paths.ts';

export const HTTP_FACE = 'local server';

export function httpPlatform(options: {
  tickets: DownloadTickets;
  rawFileTickets: DownloadTickets<RawFilesRequest>;
  paths: LocalPathRule;
}): ServicePlatform {
  return {
    face: HTTP_FACE,
    exportUrl: (request) => `/api/export?ticket=${options.tickets.issue(request)}`,
    rawFilesUrl: (request) => `/api/raw-files?ticket=${options.rawFileTickets.issue(request)}`,
    checkLocalPath: (path) => options.paths.check(path),
    confirmKeyDestinations: true,
  };
}

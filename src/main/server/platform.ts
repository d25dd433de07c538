// What the service can do for a browser: no native dialogs; exports become download URLs of GET /api/export.
import type { ServicePlatform } from '../api/service/index.ts';

export function browserPlatform(): ServicePlatform {
  return {
    exportUrl(request) {
      const query = new URLSearchParams({ run_id: request.run_id, format: request.format });
      for (const column of request.columns ?? []) query.append('column', column);
      if (request.include_raw) query.set('include_raw', 'true');
      return `/api/export?${query}`;
    },
  };
}

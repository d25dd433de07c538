// GET /api/events: engine events as Server-Sent Events, one JSON ContractEvent per `data:` line, with a comment
// heartbeat so proxies and idle timeouts keep the stream open.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Service } from '../api/service/index.ts';
import { COMMON_HEADERS } from './security.ts';

export const HEARTBEAT_MS = 15_000;

export function streamEvents(req: IncomingMessage, res: ServerResponse, service: Service, onClose: (stop: () => void) => void): void {
  res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 2000\n\n');
  const unsubscribe = service.subscribe((event) => {
    if (!res.writableEnded) res.write(`event: engine\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
    if (!res.writableEnded) res.end();
  };
  req.on('close', stop);
  onClose(stop);
}

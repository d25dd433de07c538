// Downloads without cookies: a browser download (a link click) cannot send an Authorization header, so
// runs.export over HTTP (an admin call) answers with /api/export?ticket=…, a random ticket that stands for that
// one export, is good for one GET and expires after a minute. A ticket that leaks (history, a download list)
// is already spent, and it opens nothing else. runs.downloadRawFiles hands out /api/raw-files?ticket=… the same
// way, from a ticket store of its own (a ticket of one kind never opens the other).
import { randomBytes } from 'node:crypto';
import type { ExportRequest } from '../api/service/types.ts';

export const TICKET_TTL_MS = 60_000;
const MAX_OPEN_TICKETS = 1000;

/** Tickets for one kind of download: each stands for one request `T`. */
export class DownloadTickets<T = ExportRequest> {
  private readonly open = new Map<string, { request: T; expiresAt: number }>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  issue(request: T): string {
    this.sweep();
    if (this.open.size >= MAX_OPEN_TICKETS) this.open.delete(this.open.keys().next().value!);
    const ticket = randomBytes(32).toString('base64url');
    this.open.set(ticket, { request, expiresAt: this.now() + TICKET_TTL_MS });
    return ticket;
  }

  /** The request a ticket stands for, once; null when it is unknown, spent or expired. */
  redeem(ticket: string | null): T | null {
    if (!ticket) return null;
    const entry = this.open.get(ticket);
    this.open.delete(ticket);
    return entry && entry.expiresAt > this.now() ? entry.request : null;
  }

  private sweep(): void {
    const now = this.now();
    for (const [ticket, entry] of this.open) if (entry.expiresAt <= now) this.open.delete(ticket);
  }
}

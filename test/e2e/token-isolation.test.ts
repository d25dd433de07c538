// Acceptance (issue 14): the served UI keeps its token to itself. After the UI is opened (token in the URL
// fragment), a web page served from another local port, visited in the same browser, receives no token in any
// header (no cookie exists to carry one) and cannot read the tab's storage; the UI keeps working after a reload;
// a new tab without the fragment asks for the token, refuses the gateway token, and works once the admin token
// is entered.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess, type RunningApp } from './helpers/app.ts';
import { openBrowser, seriousAxeViolations, shot, type Session } from './helpers/browser.ts';
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

/** Another local web app: records the headers of every request it gets. */
async function otherLocalApp(): Promise<{ server: Server; port: number; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Another local app</title><img src="/pixel.png" alt=""><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

let app: RunningApp;
let other: Awaited<ReturnType<typeof otherLocalApp>>;
let session: Session;

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startInProcess({ env: {} });
  other = await otherLocalApp();
  session = await openBrowser(app.url);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await new Promise((resolve) => other?.server.close(resolve));
  await app?.close();
});

const runsHeading = (page: Session['page']) => page.getByRole('heading', { name: 'Runs', level: 1 });

describe('the admin token stays with the UI', () => {
  it('opens from the printed URL and takes the token out of the address bar', async () => {
    const { page } = session;
    await runsHeading(page).waitFor();
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(app.adminToken);
    // The settings screen makes several API calls; the event stream is open the whole time.
    await page.goto(`${app.origin}/#/settings`);
    await page.getByTestId('key-status-openai').getByText('not set').waitFor();
  }, 60_000);

  it('sends no token to a page served from another local port, by any name, in the same browser', async () => {
    const { page, context } = session;
    for (const host of ['127.0.0.1', 'localhost']) {
      await page.goto(`http://${host}:${other.port}/`);
      await page.getByText('hello').waitFor();
      expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
      // A script there that calls the UI's API gets nothing: no cookie rides along, and CORS hides the answer.
      const stolen = await page.evaluate(async (api) => {
        try {
          const response = await fetch(`${api}/api/call/settings.get`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' });
          return `read ${response.status}: ${await response.text()}`;
        } catch {
          return 'blocked';
        }
      }, app.origin);
      expect(stolen).toBe('blocked');
    }
    const second = await context.newPage();
    await second.goto(`http://127.0.0.1:${other.port}/second`);
    await second.close();
    expect(other.seen.length).toBeGreaterThanOrEqual(4);
    for (const headers of other.seen) {
      const text = JSON.stringify(headers);
      expect(text).not.toContain(app.adminToken);
      expect(text).not.toContain(app.gatewayToken);
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
    }
    expect(await context.cookies()).toEqual([]);
  }, 60_000);

  it('keeps working in its tab after coming back and after a reload', async () => {
    const { page } = session;
    await page.goto(`${app.origin}/#/runs`);
    await runsHeading(page).waitFor();
    await page.reload();
    await runsHeading(page).waitFor();
    await page.goto(`${app.origin}/#/settings`);
    await page.getByTestId('key-status-openai').getByText('not set').waitFor();
    expect(await page.getByRole('heading', { name: 'Batchdesk needs its access token' }).count()).toBe(0);
  }, 60_000);

  it('asks for the token in a new tab, refuses the gateway token, and works once the admin token is entered', async () => {
    const tab = await session.context.newPage();
    await tab.goto(`${app.origin}/#/settings`);
    await tab.getByRole('heading', { name: 'Batchdesk needs its access token' }).waitFor();
    expect(await seriousAxeViolations(tab)).toEqual([]);
    await shot(tab, 'token-prompt');
    const field = tab.getByLabel('Admin token');
    await field.fill(app.gatewayToken);
    await tab.getByRole('button', { name: 'Open Batchdesk' }).click();
    await tab.getByRole('alert').getByText(/did not accept this token/).waitFor();
    await field.fill(app.adminToken);
    await tab.getByRole('button', { name: 'Open Batchdesk' }).click();
    await tab.getByTestId('key-status-openai').getByText('not set').waitFor();
    await tab.reload();
    await tab.getByTestId('key-status-openai').getByText('not set').waitFor();
    await tab.close();
  }, 60_000);
});

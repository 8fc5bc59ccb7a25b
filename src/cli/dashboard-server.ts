import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ReportData } from './report-data';
import { contentSecurityPolicy, newNonce, reportPage } from './report-page';

/** Clients of /events at once; more get 503. */
export const MAX_CLIENTS = 16;
/** A client that has this much unsent (a stalled reader) is dropped: memory stays bounded. */
const MAX_BUFFERED = 1 << 20;
/** How often new data is pushed to /events (when there is any). */
export const PUSH_MS = 1000;
/** A comment line on /events this often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

export interface DashboardOptions {
  host: string;
  port: number;
  /** Required of every request when set (Authorization: Bearer, or ?token=). */
  token: string | null;
  /** The data now. */
  data(): ReportData;
  /** A number that changes whenever data() would: a push is sent only then. */
  version(): number;
}

/** Whether a host name is the loopback interface (the dashboard's default). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries the token: compared in constant time, as equal-length digests. */
function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const auth = req.headers.authorization;
  const given = auth !== undefined && auth.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('token');
  return given !== null && timingSafeEqual(digest(given), digest(token));
}

/**
 * Whether the Host header names this server by a loopback name: a page of another site that a
 * DNS name of its own points at 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
 */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  const m = /^(\[[0-9a-fA-F:]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  return m !== null && isLoopback(m[1]!.toLowerCase()) && (m[2] === undefined ? port === 80 : Number(m[2]) === port);
}

function refuse(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(`${text}\n`);
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * The dashboard's HTTP server: GET / (the page), GET /events (Server-Sent Events: the data, again
 * each PUSH_MS while it changes); everything else 404 (405 for another method). Nothing writes.
 * Resolves once listening; `close()` ends it and its streams.
 */
export async function startDashboard(o: DashboardOptions): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const clients = new Set<ServerResponse>();
  const loopback = isLoopback(o.host);
  let port = o.port;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://dashboard');
    if (o.token !== null && !hasToken(req, url, o.token)) return refuse(res, 401, 'a token is required', { 'WWW-Authenticate': 'Bearer' });
    if (o.token === null && loopback && !hostAllowed(req, port)) return refuse(res, 403, 'unexpected Host header');
    if (url.pathname !== '/' && url.pathname !== '/events') return refuse(res, 404, 'not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    if (url.pathname === '/') {
      const nonce = newNonce();
      const page = reportPage(o.data(), nonce);
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `${contentSecurityPolicy(nonce)}; frame-ancestors 'none'`,
        ...SECURITY_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : page);
      return;
    }
    if (clients.size >= MAX_CLIENTS) return refuse(res, 503, 'too many clients');
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', ...SECURITY_HEADERS });
    if (req.method === 'HEAD') return void res.end();
    res.write(`retry: 2000\ndata: ${JSON.stringify(o.data())}\n\n`);
    clients.add(res);
    res.on('close', () => clients.delete(res));
  });
  let sent = o.version();
  let idle = 0;
  const timer = setInterval(() => {
    const now = o.version();
    idle += PUSH_MS;
    if (clients.size === 0 || (now === sent && idle < KEEPALIVE_MS)) return;
    const message = now === sent ? ': keep-alive\n\n' : `data: ${JSON.stringify(o.data())}\n\n`;
    sent = now;
    idle = 0;
    for (const c of clients) {
      if (c.writableLength > MAX_BUFFERED) c.destroy();
      else c.write(message);
    }
  }, PUSH_MS);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : o.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        for (const c of clients) c.destroy();
        server.close(() => resolve());
      }),
  };
}

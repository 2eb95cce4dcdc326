import http from 'node:http';
import net, { type AddressInfo, type LookupFunction } from 'node:net';

/**
 * A forward proxy on loopback that the crawl's Chromium (and Playwright's route.fetch, which follows the
 * browser's proxy) must use for every public source. It resolves each host with the URL guard's lookup
 * and connects only to the address it just checked, so a name that resolves to a public address when
 * the guard looks and to 127.0.0.1 or 169.254.169.254 when the browser connects (DNS rebinding) cannot
 * reach the inside: there is no second resolution. HTTPS goes through CONNECT (the proxy never sees
 * plaintext); plain HTTP is forwarded request by request.
 */
export interface EgressProxy {
  /** http://127.0.0.1:<port>, for Chromium's proxy setting. */
  url: string;
  /** Connections refused because the address was not allowed. */
  refused: string[];
  close(): Promise<void>;
}

export interface EgressOptions {
  lookup: LookupFunction;
  /** Exact host:port pairs trusted without the check (the tests' "public" site on loopback). */
  trusted?: (host: string, port: number) => boolean;
}

function resolveChecked(options: EgressOptions, host: string, port: number): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (options.trusted?.(bare, port)) return Promise.resolve(bare);
  return new Promise((resolve, reject) => {
    options.lookup(bare, { all: false }, (error, address) => (error || typeof address !== 'string' ? reject(error ?? new Error(`cannot resolve ${bare}`)) : resolve(address)));
  });
}

export async function startEgressProxy(options: EgressOptions): Promise<EgressProxy> {
  const refused: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
      if (target.protocol !== 'http:') throw new Error('only http:// in absolute form');
    } catch {
      res.writeHead(400).end('bad proxy request');
      return;
    }
    const port = Number(target.port || 80);
    resolveChecked(options, target.hostname, port).then(
      (address) => {
        const headers = { ...req.headers };
        delete headers['proxy-connection'];
        delete headers['proxy-authorization'];
        const upstream = http.request({ host: address, port, method: req.method, path: `${target.pathname}${target.search}`, headers, setHost: false }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.headersSent ? res.destroy() : res.writeHead(502).end('upstream failed'));
        req.pipe(upstream);
      },
      (error: Error) => {
        refused.push(`${target.host}: ${error.message}`);
        res.writeHead(403, { 'content-type': 'text/plain' }).end(`refused by ipwatch: ${error.message}`);
      },
    );
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(req.url ?? '');
    if (!match) return client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    const port = Number(match[2]);
    client.on('error', () => client.destroy());
    resolveChecked(options, match[1]!, port).then(
      (address) => {
        const upstream = net.connect(port, address, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length) upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
      },
      (error: Error) => {
        refused.push(`${req.url}: ${error.message}`);
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      },
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

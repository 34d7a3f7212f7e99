import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWebChatServer } from '../support/webChatServer';

const SECRET = 'azure-direct-line-secret-value-0123456789';

/** Stands in for directline.botframework.com: accepts only the secret, returns a token for the user asked for. */
async function fakeAzure(): Promise<{ url: string; server: Server; calls: { auth?: string; body: string }[] }> {
  const calls: { auth?: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push({ auth: req.headers.authorization, body });
      if (req.url !== '/v3/directline/tokens/generate' || req.headers.authorization !== `Bearer ${SECRET}`) {
        res.statusCode = 403;
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ conversationId: 'azure-conv-1', token: 'azure-token-for-conv-1', expires_in: 3600 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, calls };
}

describe('GET /api/directline/token (Azure Direct Line option)', () => {
  it('exists only when a Direct Line secret is configured', async () => {
    const svc = await startWebChatServer();
    try {
      expect((await fetch(`${svc.url}/api/directline/token`)).status).toBe(404);
    } finally {
      await svc.stop();
    }
  });

  it('exchanges the secret server-side; the browser gets a token, never the secret; floods get 429', async () => {
    const azure = await fakeAzure();
    const svc = await startWebChatServer({
      azure: { secret: SECRET, endpoint: azure.url, tokensPerClientPerHour: 2, trustProxy: false },
    });
    try {
      const res = await fetch(`${svc.url}/api/directline/token`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const text = await res.text();
      expect(text).not.toContain(SECRET);
      const body = JSON.parse(text) as { token: string; conversationId: string; userId: string };
      expect(body).toMatchObject({ token: 'azure-token-for-conv-1', conversationId: 'azure-conv-1', expires_in: 3600 });
      expect(body.userId).toMatch(/^dl_/);
      expect(azure.calls).toHaveLength(1);
      expect(JSON.parse(azure.calls[0]?.body ?? '{}')).toEqual({ user: { id: body.userId } });

      expect((await fetch(`${svc.url}/api/directline/token`)).status).toBe(200);
      const limited = await fetch(`${svc.url}/api/directline/token`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(azure.calls).toHaveLength(2);
    } finally {
      await svc.stop();
      azure.server.close();
    }
  });

  it('answers 502 without details when Azure refuses the secret', async () => {
    const azure = await fakeAzure();
    const svc = await startWebChatServer({
      azure: { secret: 'wrong-secret', endpoint: azure.url, tokensPerClientPerHour: 10, trustProxy: false },
    });
    try {
      const res = await fetch(`${svc.url}/api/directline/token`);
      expect(res.status).toBe(502);
      expect(await res.text()).not.toContain('wrong-secret');
    } finally {
      await svc.stop();
      azure.server.close();
    }
  });
});

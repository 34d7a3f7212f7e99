import type { Response } from 'restify';

/** Every error the service itself answers has this JSON shape (restify's own errors use it too). */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ code, message });
}

/**
 * For log lines built from third-party error texts (database drivers name hosts, users and sometimes the
 * whole connection string): URLs and key=value secrets are cut out, the rest stays useful.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]*/gi, '<url>')
    .replace(/\b(password|passwd|pwd|secret|token|user|username)\s*=\s*('[^']*'|"[^"]*"|[^\s;,]+)/gi, '$1=<redacted>')
    .slice(0, 500);
}

/**
 * A route parameter as a string ('' when absent). restify types `req.params` as `any`; reading it through
 * here keeps the handlers typed, and a parameter that is not a string (never from a route) counts as absent.
 */
export function routeParam(req: { readonly params?: unknown }, name: string): string {
  const params = req.params;
  if (typeof params !== 'object' || params === null) return '';
  const value = (params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

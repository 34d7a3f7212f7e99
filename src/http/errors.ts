import type { Response } from 'restify';

/** Every error the service itself answers has this JSON shape (restify's own errors use it too). */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ code, message });
}

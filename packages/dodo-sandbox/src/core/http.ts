// A tiny router over node:http: `/payments/:id` patterns, JSON bodies, `{ code, message }` errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { SandboxError } from '../engine';

export type RouteRequest = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (or form fields for urlencoded posts); `{}` when there is none. */
  body: unknown;
};

/** What a handler returns: a JSON value (200), an explicit reply, or `undefined` when it wrote `res` itself. */
export type RouteResult = unknown;
export type RouteHandler = (request: RouteRequest) => RouteResult | Promise<RouteResult>;

export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** A non-JSON answer (an invoice PDF, for example). */
export class RawReply {
  constructor(
    readonly status: number,
    readonly contentType: string,
    readonly body: Buffer,
    readonly headers: Record<string, string> = {},
  ) {}
}

type Route = { method: string; segments: string[]; handler: RouteHandler };

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  get(pattern: string, handler: RouteHandler) {
    return this.on('GET', pattern, handler);
  }
  post(pattern: string, handler: RouteHandler) {
    return this.on('POST', pattern, handler);
  }
  patch(pattern: string, handler: RouteHandler) {
    return this.on('PATCH', pattern, handler);
  }
  delete(pattern: string, handler: RouteHandler) {
    return this.on('DELETE', pattern, handler);
  }
  put(pattern: string, handler: RouteHandler) {
    return this.on('PUT', pattern, handler);
  }

  /** The matching route with the most literal segments wins, so `/products/short_links` beats `/products/:id`. */
  match(method: string, pathname: string): { handler: RouteHandler; params: Record<string, string> } | null {
    const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    let best: { handler: RouteHandler; params: Record<string, string>; literals: number } | null = null;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((segment, i) => {
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = parts[i];
          return true;
        }
        return segment === parts[i];
      });
      const literals = route.segments.filter((segment) => !segment.startsWith(':')).length;
      if (matches && (!best || literals > best.literals)) best = { handler: route.handler, params, literals };
    }
    return best && { handler: best.handler, params: best.params };
  }

  /** Whether a route was registered with exactly this method and pattern (`:name` parameters compare equal). */
  has(method: string, pattern: string): boolean {
    const wanted = pattern.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? ':' : s)).join('/');
    return this.routes.some((route) => route.method === method && route.segments.map((s) => (s.startsWith(':') ? ':' : s)).join('/') === wanted);
  }
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SandboxError(400, 'INVALID_REQUEST_BODY', 'The request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { code, message });
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

/** Validates a request body; a failure is a 422 naming the first bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'body';
    throw new SandboxError(422, 'INVALID_REQUEST_BODY', `${where}: ${issue.message}`);
  }
  return parsed.data;
}

export function notFound(what: string, id: string): SandboxError {
  return new SandboxError(404, 'NOT_FOUND', `${what} ${id} not found`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

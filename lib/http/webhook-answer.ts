// The answer to a webhook sender: a few bytes of JSON that no cache may keep. `no-transform` also tells
// Next's gzip to leave it alone: compressing a 40-byte body cost a zlib stream per delivery (about 6 %
// of the route's CPU under load).
export function webhookAnswer(body: Record<string, unknown>, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store, no-transform', ...headers } });
}

/**
 * Whether a connection URL looks like a connection pooler in transaction mode, which silently breaks
 * LISTEN/NOTIFY (and session-level advisory locks): PgBouncer's default port 6432, Supavisor's
 * transaction-mode port 6543 (Supabase), or a Neon pooled host (`…-pooler.…`). A heuristic: it only warns.
 */
export function looksLikeTransactionPooler(url: string): boolean {
  try {
    const { port, hostname } = new URL(url);
    return port === '6432' || port === '6543' || /-pooler\./.test(hostname);
  } catch {
    return false;
  }
}

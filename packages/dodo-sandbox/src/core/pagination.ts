// Dodo's page-number pagination: `page_number` (0-based) and `page_size` (default 10, max 100) → `{ items }`.
import { SandboxError } from '../engine';

export function paginate<T>(items: T[], query: URLSearchParams): { items: T[] } {
  const pageSize = Number(query.get('page_size') ?? 10);
  const pageNumber = Number(query.get('page_number') ?? 0);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100 || !Number.isInteger(pageNumber) || pageNumber < 0) {
    throw new SandboxError(422, 'INVALID_QUERY_PARAMS', 'page_size must be 1..100 and page_number a non-negative integer');
  }
  return { items: items.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize) };
}

/** Newest first, as Dodo lists; filters skip a record unless every given query value matches. */
export function newestFirst<T extends { created_at: string }>(records: Iterable<T>): T[] {
  return [...records].reverse().sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export function createdWithin(query: URLSearchParams, createdAt: string): boolean {
  const gte = query.get('created_at_gte');
  const lte = query.get('created_at_lte');
  return (!gte || createdAt >= new Date(gte).toISOString()) && (!lte || createdAt <= new Date(lte).toISOString());
}

/** A list filter that must be one of `allowed` when given; anything else is Dodo's 422 INVALID_QUERY_PARAMS. */
export function enumFilter<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | null {
  const value = query.get(name);
  if (value === null || value === '') return null;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SandboxError(422, 'INVALID_QUERY_PARAMS', `${name} must be one of ${allowed.join(', ')} (got '${value}')`);
  }
  return value as T;
}

import Link from 'next/link';

/** An id that opens its thread's timeline. */
export function IdLink({ id }: { id: string }) {
  return (
    <Link href={`/admin/trace/${encodeURIComponent(id)}`} className="break-all font-mono text-xs text-indigo-700 underline">
      {id}
    </Link>
  );
}

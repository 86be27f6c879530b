import { TextLink } from '@/components/ui/text-link';

/** An id that opens its thread's timeline. */
export function IdLink({ id }: { id: string }) {
  return (
    <TextLink href={`/admin/trace/${encodeURIComponent(id)}`} className="break-all font-mono text-xs font-normal">
      {id}
    </TextLink>
  );
}

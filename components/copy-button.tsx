'use client';

import { Copy } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';

/** Copies `value` to the clipboard and says so in a toast. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  return (
    <Button
      variant="outline"
      size="sm"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          toast.success('Copied to the clipboard');
        } catch {
          toast.error('Could not copy: select the text and copy it instead.');
        }
      }}
    >
      <Copy aria-hidden /> Copy
    </Button>
  );
}

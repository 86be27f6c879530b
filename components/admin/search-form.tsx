import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Button } from '@/components/ui/button';

/** The console's one search box (a GET form, so a search is a shareable URL). */
export function SearchForm({ query }: { query: string }) {
  return (
    <form action="/admin" method="get" role="search" aria-label="Payments" className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1">
        <Label htmlFor="admin-search">Email or id (order, payment, subscription, refund, webhook, request, checkout session)</Label>
        <Input id="admin-search" name="q" type="search" defaultValue={query} className="mt-1" placeholder="buyer@example.com or pay_…" required minLength={3} />
      </div>
      <Button type="submit">Search</Button>
    </form>
  );
}

import { Skeleton } from '@/components/ui/skeleton';

/**
 * A route's `loading.tsx`: a title, a line and a few panels while the page's data loads. It carries
 * `data-route-skeleton`, which `NoScriptStreaming` hides when the browser runs no script.
 */
export function PageSkeleton() {
  return (
    <div data-route-skeleton className="mx-auto max-w-4xl space-y-8 px-4 py-10" role="status" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div className="space-y-2">
        <Skeleton className="h-9 w-56" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      {[0, 1, 2].map((i) => (
        <div key={i} className="space-y-3 rounded-xl border bg-card p-6">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      ))}
    </div>
  );
}

// React streams a route's content after its skeleton, in `<div hidden id="S:n">`, and swaps it in with
// an inline script. A browser without JavaScript never runs that script: these rules show it the
// content instead (in the skeleton's place, before the footer) so every form still works there. They
// join Tailwind's `base` layer, whose `[hidden]{display:none!important}` an unlayered rule cannot beat.
const NO_SCRIPT_CSS = `@layer base{${[
  '[data-route-skeleton]{display:none!important}',
  '[data-page-content]:has([data-route-skeleton]){display:none!important}',
  'body>div[hidden][id^="S:"]{display:block!important;flex:1 1 auto}',
  '[data-site-footer]{order:1}',
].join('')}}`;

/** Goes in the root layout's `<body>`: the no-JavaScript half of every `loading.tsx`. */
export function NoScriptStreaming() {
  return (
    <noscript>
      <style dangerouslySetInnerHTML={{ __html: NO_SCRIPT_CSS }} />
    </noscript>
  );
}

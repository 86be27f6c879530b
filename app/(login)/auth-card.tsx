import { Card } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';

/** The frame of every sign-in page: a title, a line with a link to the other way in, then the form. */
export function AuthCard({ title, prompt, link, children }: { title: string; prompt: string; link: { href: string; label: string }; children: React.ReactNode }) {
  return (
    <main className="mx-auto w-full max-w-md px-4 py-12">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {prompt}{' '}
          <TextLink href={link.href}>{link.label}</TextLink>
        </p>
        {children}
      </Card>
    </main>
  );
}

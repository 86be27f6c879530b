import Link from 'next/link';
import { Card } from '@/components/ui/card';

/** The frame of every sign-in page: a title, a line with a link to the other way in, then the form. */
export function AuthCard({ title, prompt, link, children }: { title: string; prompt: string; link: { href: string; label: string }; children: React.ReactNode }) {
  return (
    <main className="mx-auto w-full max-w-md px-4 py-12">
      <Card>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {prompt}{' '}
          <Link href={link.href} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-600">
            {link.label}
          </Link>
        </p>
        {children}
      </Card>
    </main>
  );
}

import type { ComponentProps } from 'react';
import Link from 'next/link';
import { Slot } from 'radix-ui';
import { cn } from '@/lib/utils';

type Props = ComponentProps<typeof Link> & { asChild?: false };
type ChildProps = ComponentProps<'a'> & { asChild: true };

/** A link inside text; `asChild` styles a plain `<a>` (a file download, which Next's router must not fetch). */
export function TextLink({ className, asChild, ...props }: Props | ChildProps) {
  const classes = cn('font-medium text-primary underline underline-offset-4 hover:no-underline', className);
  if (asChild) return <Slot.Root className={classes} {...(props as ComponentProps<'a'>)} />;
  return <Link className={classes} {...(props as ComponentProps<typeof Link>)} />;
}

import type { ComponentProps } from 'react';
import { cva, type VariantProps } from 'class-variance-authority';
import { cn } from '@/lib/utils';

const alertVariants = cva('relative w-full rounded-xl border p-4 text-sm [&>svg]:absolute [&>svg]:left-4 [&>svg]:top-4 [&>svg]:size-4 [&>svg~*]:pl-7', {
  variants: {
    variant: {
      default: 'bg-card text-card-foreground',
      success: 'border-success/30 bg-success/10 text-foreground [&>svg]:text-success',
      warning: 'border-warning/40 bg-warning/10 text-foreground [&>svg]:text-warning',
      destructive: 'border-destructive/40 bg-destructive/10 text-foreground [&>svg]:text-destructive',
    },
  },
  defaultVariants: { variant: 'default' },
});

/** A notice in the page's flow; pass role="alert" or role="status" when it appears as a result. */
export function Alert({ className, variant, ...props }: ComponentProps<'div'> & VariantProps<typeof alertVariants>) {
  return <div data-slot="alert" className={cn(alertVariants({ variant }), className)} {...props} />;
}

export function AlertTitle({ className, as: Tag = 'p', ...props }: ComponentProps<'p'> & { as?: 'p' | 'h2' | 'h3' }) {
  return <Tag data-slot="alert-title" className={cn('font-semibold leading-snug', className)} {...props} />;
}

export function AlertDescription({ className, ...props }: ComponentProps<'div'>) {
  return <div data-slot="alert-description" className={cn('mt-1 text-sm [&_p]:leading-relaxed', className)} {...props} />;
}

'use client';

import { useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { Button, type ButtonVariant } from './button';
import { PendingLabel } from './submit-button';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from './alert-dialog';

type Props = {
  children: React.ReactNode;
  pendingLabel: string;
  /** What the dialog asks ("Cancel now? Access ends immediately."). */
  question: string;
  variant?: ButtonVariant;
  className?: string;
  ariaLabel?: string;
};

/**
 * A submit button that asks first, in a dialog instead of the browser's confirm(). Before JavaScript loads
 * it is a plain submit (the form still works); once hydrated, only the dialog's confirm button submits.
 */
export function ConfirmSubmit({ children, pendingLabel, question, variant = 'destructive', className, ariaLabel }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const { pending } = useFormStatus();
  return (
    <>
      <Button
        ref={button}
        type="submit"
        variant={variant}
        className={className}
        disabled={pending}
        aria-label={ariaLabel}
        aria-busy={pending || undefined}
        aria-haspopup="dialog"
        onClick={(event) => {
          event.preventDefault();
          setOpen(true);
        }}
      >
        <PendingLabel pending={pending} pendingLabel={pendingLabel}>
          {children}
        </PendingLabel>
      </Button>
      <AlertDialog open={open} onOpenChange={setOpen}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Are you sure?</AlertDialogTitle>
            <AlertDialogDescription>{question}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Go back</AlertDialogCancel>
            <AlertDialogAction variant={variant === 'destructive' ? 'destructive' : 'default'} onClick={() => button.current?.form?.requestSubmit()}>
              {children}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}

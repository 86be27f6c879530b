import Link from 'next/link';
import { Lock } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

/** Shown by gated pages when `hasEntitlement` says no. */
export function UpgradeNotice({ feature, planHint }: { feature: string; planHint: string }) {
  return (
    <Alert role="alert" variant="warning" className="p-6">
      <Lock aria-hidden />
      <AlertTitle as="h2" className="text-lg">
        {feature} needs {planHint}
      </AlertTitle>
      <AlertDescription>
        <p>Your account does not include it right now.</p>
        <Button asChild className="mt-4">
          <Link href="/pricing">See plans</Link>
        </Button>
      </AlertDescription>
    </Alert>
  );
}

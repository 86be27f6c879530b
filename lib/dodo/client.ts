import 'server-only';
import type DodoPayments from 'dodopayments';
import { env } from '@/lib/env';
import { createDodoClient } from './create-client';

let client: DodoPayments | undefined;

/** The app's one Dodo client, configured from the validated environment. */
export function getDodo(): DodoPayments {
  client ??= createDodoClient(env());
  return client;
}

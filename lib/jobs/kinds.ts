// The kinds of follow-up work the webhook can enqueue, and the contract every handler keeps.
import type { Database } from '@/db';
import type { Fulfilment } from '@/db/schema';
import type { JobsConfig } from '@/lib/env';

export const FULFILMENT_KINDS = [
  'receipt_email',
  'onboarding_email',
  'license_key_email',
  'provision_workspace',
  'crm_webhook',
  'dunning_email',
  'invitation_email',
  'refund_email',
  'disable_license_keys',
  'account_email',
  'trial_started_email',
  'trial_ending_email',
  'dodo_customer_email',
] as const;

export type FulfilmentKind = (typeof FULFILMENT_KINDS)[number];

export type FulfilmentStatus = Fulfilment['status'];

export type FulfilmentContext = {
  fulfilment: Pick<Fulfilment, 'id' | 'kind' | 'subjectId' | 'payload' | 'attempts'>;
  db: Database;
  config: JobsConfig;
};

/**
 * Does the work for one fulfilment. It may run more than once (a retry, a worker that died after the
 * effect), so it must be idempotent. It returns a short note for operators, or throws to fail the attempt.
 */
export type FulfilmentHandler = (ctx: FulfilmentContext) => Promise<string>;

/** Thrown when a handler's subject is not (yet) in the database: the attempt fails and is retried. */
export class MissingSubjectError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'MissingSubjectError';
  }
}

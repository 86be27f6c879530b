// Recurring operator work, run by the job worker (graphile-worker crontab; one run per tick across workers).
import { billingNow, queueTrialReminders } from '@/lib/billing/trials';
import { runReconciliation } from './reconcile';
import { pruneOldRecords } from './retention';

/** Every 15 minutes: list recent payments, subscriptions and refunds from Dodo and repair what webhooks missed. */
export const reconciliationSchedule = {
  task: 'reconcile',
  cron: '*/15 * * * *',
  run: () => runReconciliation({ trigger: 'scheduled' }),
};

/** Hourly: queue the trial-ending email for trials that end within three days (on Dodo's clock). */
export const trialReminderSchedule = {
  task: 'trial_reminders',
  cron: '5 * * * *',
  run: async () => queueTrialReminders(await billingNow()),
};

/** Daily at 03:17: prunes the delivery log, rejection counters, ended rate-limit windows and expired links. */
export const retentionSchedule = {
  task: 'prune_old_records',
  cron: '17 3 * * *',
  run: () => pruneOldRecords(),
};

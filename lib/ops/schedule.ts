// Recurring operator work, run by the job worker (graphile-worker crontab; one run per tick across workers).
import { runReconciliation } from './reconcile';

/** Every 15 minutes: list recent payments, subscriptions and refunds from Dodo and repair what webhooks missed. */
export const reconciliationSchedule = {
  task: 'reconcile',
  cron: '*/15 * * * *',
  run: () => runReconciliation({ trigger: 'scheduled' }),
};

// Running a scheduled task now, as its next tick would, instead of waiting for the cron.
import type postgres from 'postgres';
import { jobQueueSchema } from '../../lib/jobs/queue';

export async function runScheduledTask(sql: postgres.Sql, task: string) {
  await sql`select ${sql(jobQueueSchema())}.add_job(${task})`;
}

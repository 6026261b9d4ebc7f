// How ServiceLink's state is read: a job's capacity is its one assignment (GET /jobs/:id → `assignment`).
import type { ApiClient } from '../../client/api-client.ts';
import { succeed } from '../shared.ts';
import { routes, type JobDetail } from './routes.ts';
import type { z } from 'zod';

/** 1 while the job holds no assignment, 0 once a quote is accepted; throws for an unknown job (answered 200, empty). */
export function jobCapacity(body: z.output<typeof JobDetail> | ''): number {
  if (body === '') throw new Error('the job is unknown (ServiceLink answers an unknown id with 200 and an empty body)');
  return body.assignment ? 0 : 1;
}

export async function freeUnitsOfJob(api: ApiClient, token: string, jobId: string): Promise<number> {
  return jobCapacity(await succeed(api, routes.getJob, { token, params: { id: jobId }, step: 'jobs.read' }));
}

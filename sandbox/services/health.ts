// Is the sandbox alive, and can it reach its database? Liveness never touches the database; readiness always does.
import type pg from 'pg';
import type { Faults } from '../faults.ts';
import type { Reply } from '../http/server.ts';

const started = Date.now();

export class HealthService {
  constructor(private readonly db: pg.Pool, private readonly faults: Faults) {}

  async liveness(): Promise<Reply> {
    return { status: 200, body: { status: 'ok', timestamp: new Date().toISOString(), uptime: (Date.now() - started) / 1000, service: 'tripavail-api', version: 'sandbox' } };
  }

  async readiness(): Promise<Reply> {
    let database = 'ok';
    try {
      await Promise.race([
        this.db.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 1000 ms')), 1000).unref()),
      ]);
    } catch (error) {
      database = `error: ${(error as Error).message || 'unreachable'}`;
    }
    const ready = database === 'ok';
    const body = { status: ready ? 'ready' : 'not_ready', timestamp: new Date().toISOString(), checks: { database, redis: 'disabled', meilisearch: 'disabled' } };
    return { status: ready || this.faults.has('ready-lies') ? 200 : 503, body };
  }
}

// Is this error the database being unreachable (refused, terminated, or no connection in time)? The servers answer it 503.
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === 'ECONNREFUSED' || e?.code === '57P01' || /connect|terminat|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}

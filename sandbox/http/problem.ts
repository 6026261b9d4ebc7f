// How the sandbox says no: an error that carries the HTTP status and the contract's problem code.
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'VALIDATION_FAILED') => new HttpProblem(400, message, code);
export const unauthorized = (message = 'Unauthorized') => new HttpProblem(401, message, 'UNAUTHORIZED');
export const notFound = (what: string) => new HttpProblem(404, `${what} not found`, 'NOT_FOUND');
export const conflict = (message: string, code = 'INVALID_STATE') => new HttpProblem(409, message, code);

/** The error body every TripAvail server answers: `{statusCode, timestamp, path, method, message, code?, requestId}`. */
export function problemBody(status: number, message: string, where: { path: string; method?: string; requestId?: string }, code?: string) {
  return {
    statusCode: status,
    timestamp: new Date().toISOString(),
    path: where.path,
    method: where.method ?? 'GET',
    message,
    ...(code ? { code } : {}),
    ...(where.requestId ? { requestId: where.requestId } : {}),
  };
}

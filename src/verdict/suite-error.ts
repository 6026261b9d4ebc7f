// When the suite, not the target, is why a check cannot decide: its SQL, its mapping, a refused setup step, a missing browser.
/**
 * Thrown where the suite cannot decide; the check becomes `error` (never `failed`) and `fix` says what to change.
 * The reporter recognises it by its name at the start of the error message (`SuiteError: …`).
 */
export class SuiteError extends Error {
  override name = 'SuiteError';
  constructor(
    what: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${what} — to fix: ${fix}`, options);
  }
}

/** The message prefix Playwright keeps for a thrown SuiteError. */
export const SUITE_ERROR_PREFIX = 'SuiteError: ';

/** Splits a reported SuiteError message into what happened and what to fix. */
export function parseSuiteError(message: string): { error: string; fix?: string } | undefined {
  if (!message.startsWith(SUITE_ERROR_PREFIX)) return undefined;
  const text = message.slice(SUITE_ERROR_PREFIX.length);
  const at = text.indexOf(' — to fix: ');
  if (at < 0) return { error: text };
  return { error: text.slice(0, at), fix: text.slice(at + ' — to fix: '.length).split('\n')[0] };
}

/** Runs a read-only query of the suite's own; any database error becomes a SuiteError naming the mapping to check. */
export async function suiteQuery<T>(what: string, fix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SuiteError) throw error;
    throw new SuiteError(`${what}: ${(error as Error).message}`, fix, { cause: error });
  }
}

// What must never reach a report: secrets masked in headers, bodies, URLs and free text.
const MASK = '***';
const secretKeys = /^(password|newPassword|accessToken|refreshToken|token|access_token|refresh_token|code|otp|authorization|cookie|set-cookie|secret|apiKey|api_key)$/i;
const knownSecrets = new Set<string>();

/** Registers a value (a token, a password) to be masked wherever it appears in text. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) knownSecrets.add(value);
}

export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/g, `$1${MASK}@`);
}

export function redactText(text: string): string {
  let out = redactUrl(text).replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${MASK}`);
  out = out.replace(/Hf-[A-Za-z0-9_-]{16}(?:-9z)?/g, MASK);
  out = out.replace(/("(?:password|accessToken|refreshToken|access_token|refresh_token|token)"\s*:\s*")[^"]*"/gi, `$1${MASK}"`);
  out = out.replace(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, MASK);
  for (const secret of knownSecrets) out = out.split(secret).join(MASK);
  return out;
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return MASK;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, secretKeys.test(k) ? MASK : redactValue(v, depth + 1)]),
    );
  }
  return value;
}

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter((e): e is [string, string | string[]] => e[1] !== undefined)
      .map(([k, v]) => [k, secretKeys.test(k) ? MASK : redactText(Array.isArray(v) ? v.join(', ') : v)]),
  );
}

/** Registers the password inside a database URL as a secret. */
export function registerUrlPassword(url: string | undefined): void {
  if (!url) return;
  try {
    registerSecret(decodeURIComponent(new URL(url).password) || undefined);
  } catch {
    /* not a URL: nothing to register */
  }
}

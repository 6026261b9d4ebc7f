// What must never reach a report: secrets masked in headers, bodies, URLs and free text.
const MASK = '***';
const secretKeys = /^(password|newPassword|accessToken|refreshToken|token|access_token|refresh_token|code|otp|authorization|cookie|set-cookie|secret|apiKey|api_key)$/i;
const PREFIX = 6;
/** The newest secrets are enough: a long-running monitor registers a few per cycle, and old tokens have expired. */
const MAX_SECRETS = 20_000;
const knownSecrets = new Set<string>();
/** Secrets by their first characters, so masking costs one lookup per text position, however many secrets a run has. */
const byPrefix = new Map<string, string[]>();

/** Registers a value (a token, a password) to be masked wherever it appears in text. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < PREFIX || knownSecrets.has(value)) return;
  knownSecrets.add(value);
  const key = value.slice(0, PREFIX);
  byPrefix.set(key, [...(byPrefix.get(key) ?? []), value].sort((a, b) => b.length - a.length));
  if (knownSecrets.size > MAX_SECRETS) forget(knownSecrets.values().next().value!);
}

function forget(value: string): void {
  knownSecrets.delete(value);
  const key = value.slice(0, PREFIX);
  const rest = (byPrefix.get(key) ?? []).filter((s) => s !== value);
  if (rest.length) byPrefix.set(key, rest);
  else byPrefix.delete(key);
}

function maskKnownSecrets(text: string): string {
  if (byPrefix.size === 0 || text.length < PREFIX) return text;
  let out = '';
  let copiedTo = 0;
  for (let i = 0; i + PREFIX <= text.length; ) {
    const match = byPrefix.get(text.slice(i, i + PREFIX))?.find((secret) => text.startsWith(secret, i));
    if (match) {
      out += text.slice(copiedTo, i) + MASK;
      i += match.length;
      copiedTo = i;
    } else {
      i += 1;
    }
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/g, `$1${MASK}@`);
}

export function redactText(text: string): string {
  let out = redactUrl(text).replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${MASK}`);
  out = out.replace(/Hf-[A-Za-z0-9_-]{16}(?:-9z)?/g, MASK);
  out = out.replace(/("(?:password|accessToken|refreshToken|access_token|refresh_token|token)"\s*:\s*")[^"]*"/gi, `$1${MASK}"`);
  out = out.replace(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, MASK);
  return maskKnownSecrets(out);
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

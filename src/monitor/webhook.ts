// Sends a message to a Slack-compatible webhook; failures are reported to the caller, never thrown.
import { request } from 'undici';

export async function postMessage(url: string, message: { text: string }, timeoutMs = 5_000): Promise<string | undefined> {
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await res.body.dump();
    return res.statusCode >= 300 ? `webhook answered ${res.statusCode}` : undefined;
  } catch (error) {
    return `webhook unreachable: ${(error as Error).message}`;
  }
}

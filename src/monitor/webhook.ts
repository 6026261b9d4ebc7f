// Sends an alert to a Slack-compatible webhook; failures are reported to the caller, never thrown.
import { request } from 'undici';
import { redactText } from '../client/redact.ts';
import { runbookAction, type Alert } from './alerts.ts';

export function alertMessage(alert: Alert, target: string): { text: string } {
  const { check } = alert;
  const head = { open: `:rotating_light: ${check.severity} FAILING`, remind: `:repeat: ${check.severity} STILL FAILING`, resolve: ':white_check_mark: RESOLVED' }[alert.kind];
  const lines = [
    `${head}: ${check.id} on ${target}`,
    ...(alert.kind === 'resolve' ? [`failing since ${new Date(alert.openedAt).toISOString()}`] : [
      `error: ${redactText(check.error ?? 'failed')}`,
      ...(check.requestId ? [`request id: ${check.requestId}`] : []),
      `action: ${runbookAction(check.id)}`,
    ]),
  ];
  return { text: lines.join('\n') };
}

export async function postAlert(url: string, alert: Alert, target: string, timeoutMs = 5_000): Promise<string | undefined> {
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alertMessage(alert, target)),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await res.body.dump();
    return res.statusCode >= 300 ? `webhook answered ${res.statusCode}` : undefined;
  } catch (error) {
    return `webhook unreachable: ${(error as Error).message}`;
  }
}

// A loopback Slack-style webhook receiver that keeps what it was sent, sorted into pages, reminders and resolves.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  url: string;
  messages: string[];
  readonly pages: string[];
  readonly reminders: string[];
  readonly resolves: string[];
  clear(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const messages: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      messages.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const headed = (pattern: RegExp) => messages.filter((m) => pattern.test(m.split('\n')[0]!));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    messages,
    get pages() {
      return headed(/^:rotating_light: P\d FAILING/);
    },
    get reminders() {
      return headed(/STILL FAILING/);
    },
    get resolves() {
      return headed(/RESOLVED/);
    },
    clear: () => void messages.splice(0),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

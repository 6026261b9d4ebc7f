// How long does a hold live? The sandbox's TTL, or the web app's own for holds its pages place (a browser journey needs time a 2 s demo TTL does not give).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handler, RequestContext } from './http/server.ts';

export class HoldTtl {
  private readonly scope = new AsyncLocalStorage<number>();

  constructor(private readonly seconds: number, private readonly webSeconds: number) {}

  /** The booking service's options: the TTL of the hold being placed right now. */
  options(): { readonly holdTtlSeconds: number } {
    const ttl = this;
    return {
      get holdTtlSeconds() {
        return ttl.scope.getStore() ?? ttl.seconds;
      },
    };
  }

  /** Places holds that `fromWeb` recognises under the web TTL. */
  wrap(hold: Handler, fromWeb: (ctx: RequestContext) => boolean): Handler {
    return (ctx) => (fromWeb(ctx) && this.webSeconds !== this.seconds ? this.scope.run(this.webSeconds, () => hold(ctx)) : hold(ctx));
  }
}

// Which database do the services reach right now? One pool that routes each call to the live database or, while a fault cuts it off, to one that is not there.
import type pg from 'pg';

/** A pool-shaped view that sends every call to `dead` while `cutOff()` is true, else to `live`. */
export function routedPool(live: pg.Pool, dead: pg.Pool, cutOff: () => boolean): pg.Pool {
  return new Proxy(live, {
    get(_, property) {
      const target = cutOff() ? dead : live;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

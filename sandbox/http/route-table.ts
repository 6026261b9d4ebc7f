// Which route a method and path name: `:name` segments are parameters, all below one prefix, each method and path once.
export interface RoutePattern {
  method: string;
  /** Below the table's prefix; `:name` segments are path parameters. */
  path: string;
}

export type RouteMatch<R> = { route: R; params: Record<string, string> } | 'wrong-method' | 'no-route';

export interface RouteTableOptions {
  prefix?: string;
  /** `/v1/health/` names `/v1/health` too. */
  trailingSlash?: boolean;
  /** Who serves the table, for the error a duplicate route raises. */
  owner: string;
}

export function routeTable<R extends RoutePattern>(routes: readonly R[], options: RouteTableOptions): (method: string, pathname: string) => RouteMatch<R> {
  const seen = new Set<string>();
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) throw new Error(`${options.owner} serves ${key} twice`);
    seen.add(key);
  }
  const compiled = routes.map((route) => {
    const keys: string[] = [];
    const path = route.path.replace(/:([A-Za-z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)'));
    return { route, keys, pattern: new RegExp(`^${options.prefix ?? ''}${path}${options.trailingSlash ? '/?' : ''}$`) };
  });
  return (method, pathname) => {
    const onPath = compiled.filter((c) => c.pattern.test(pathname));
    if (!onPath.length) return 'no-route';
    const hit = onPath.find((c) => c.route.method === method);
    if (!hit) return 'wrong-method';
    const values = hit.pattern.exec(pathname)!.slice(1);
    return { route: hit.route, params: Object.fromEntries(hit.keys.map((k, i) => [k, decodeURIComponent(values[i]!)])) };
  };
}

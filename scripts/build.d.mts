export declare function buildDist(options?: { force?: boolean }): Promise<{ built: boolean; id?: string; inputs?: number; ms?: number; reason?: string }>;

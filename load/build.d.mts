export declare const entries: string[];
export declare function buildLoadScripts(): Promise<string[]>;

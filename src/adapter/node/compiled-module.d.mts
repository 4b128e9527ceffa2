export const ROOT: string;
export function compiledModule(entry: string, options?: { root?: string; cache?: string }): Promise<string>;

export function compiledModule(options: { entry: string; root: string; cache: string; name: string }): Promise<string>;

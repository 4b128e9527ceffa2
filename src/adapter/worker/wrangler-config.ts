/** The binding name the Worker reads its index through (handler.ts `WorkerEnv`). */
export const INDEX_BINDING = 'INDEX';

/**
 * The name of the R2 bucket a wrangler configuration binds as INDEX, or null when it binds none, read
 * with wrangler's own config reader (a dev dependency, loaded only by these build scripts).
 *
 * @example await indexBucketOf('wrangler.toml') // 'madoguchi-index'
 */
export async function indexBucketOf(configPath: string): Promise<string | null> {
  const { experimental_readRawConfig } = await import('wrangler');
  const { rawConfig } = experimental_readRawConfig({ config: configPath }) as { rawConfig: { r2_buckets?: { binding: string; bucket_name?: string }[] } };
  return rawConfig.r2_buckets?.find((b) => b.binding === INDEX_BINDING)?.bucket_name ?? null;
}

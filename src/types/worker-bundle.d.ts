// Data modules: wrangler.toml bundles `.bin` files as ArrayBuffers (the Worker bundle).
declare module '*.bin' {
  const bytes: ArrayBuffer;
  export default bytes;
}

import bundle from '../../../index/worker/bundle.bin';
import { workerHandler } from './handler.js';

/** Cloudflare Workers entry (wrangler.toml `main`): the bundle `npm run worker:bundle` wrote. */
export default workerHandler(bundle);

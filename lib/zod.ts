/**
 * zod, configured once for the whole app: `jitless`, because zod's start-up probe for `new Function` (its faster
 * object parser) is reported as a Content-Security-Policy violation in the browser, where the shared schemas (paste
 * and field parsers) also run. Import `z` from here, not from 'zod' (eslint enforces it).
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };

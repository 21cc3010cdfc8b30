/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  // ignored by browsers over plain HTTP; binding once the app is served over HTTPS
  { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
];

const nextConfig = {
  // a separate build directory lets several builds (e.g. parallel e2e runs) coexist
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  // the build type-checks the app; tests, scripts and benchmarks are checked by `npm run typecheck`
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  poweredByHeader: false,
  // native modules and the PDF browser stay outside the server bundle
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2', '@sparticuz/chromium', 'playwright-core', 'exceljs'],
  experimental: {
    authInterrupts: true,
    // Next decodes an action's body up to this limit before any of our code runs; the production server's request
    // guard (lib/server/requestGuard.ts) refuses bodies beyond their route class's own, smaller limit first
    // (8 KB anonymous, 1 MB edits); this is the largest class, the workbook and code-book uploads
    serverActions: { bodySizeLimit: '6mb' },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;

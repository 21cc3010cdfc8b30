/** `npm start`: migrate, seed an empty database, build if needed, serve on http://localhost:3000. */
import { spawn } from 'node:child_process';
import { ensureBuild } from './build-stamp';
import { ensureAuthSecret, prepareDatabase } from './prepare-env';
import { SERVER_NODE_FLAGS } from './server-flags';

const { file, seeded } = prepareDatabase();
console.log(`[start] 数据库：${file}${seeded ? '（已写入演示数据）' : ''}`);
const secret = ensureAuthSecret(file);
ensureBuild();
const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, require.resolve('next/dist/bin/next'), 'start', '-p', port], {
  stdio: 'inherit',
  env: { ...process.env, AUTH_SECRET: secret, DATABASE_PATH: file, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
});
console.log(`[start] 服务地址：http://localhost:${port}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));

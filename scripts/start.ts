/**
 * `npm start`: migrate, seed an empty database, build if needed, then run the supervisor (scripts/supervisor.ts) in
 * this process: WEB_CONCURRENCY workers (one per core by default) serve http://localhost:PORT (3000), each restarted
 * when it dies.
 */
import { ensureBuild } from './build-stamp';
import { ensureAuthSecret, prepareDatabase } from './prepare-env';
import { main as runSupervisor } from './supervisor';

const { file, seeded } = prepareDatabase();
console.log(`[start] 数据库：${file}${seeded ? '（已写入演示数据）' : ''}`);
const secret = ensureAuthSecret(file);
ensureBuild();
// the workers inherit this environment (cluster.fork)
Object.assign(process.env, { AUTH_SECRET: secret, DATABASE_PATH: file, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
runSupervisor();

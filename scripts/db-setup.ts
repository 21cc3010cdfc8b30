/** `npm run db:setup`: migrate and seed (when empty) the database at DATABASE_PATH, without starting the server. */
import { prepareDatabase } from './prepare-env';

const { file, seeded } = prepareDatabase();
console.log(`数据库已就绪：${file}${seeded ? '（已写入演示数据）' : ''}`);

/**
 * Runs once when the server starts. A production server without AUTH_SECRET refuses to run: sessions signed with
 * a guessable key would let anyone forge one. (`npm start` generates and keeps a secret; a bare `next start`
 * must be given one.)
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NODE_ENV === 'production' && !process.env.AUTH_SECRET) {
    console.error(
      '[启动失败] 未设置 AUTH_SECRET：生产环境必须通过环境变量提供会话密钥（至少 32 个字符）。' +
        '使用 npm start 时会自动生成并保存在数据目录中；直接运行 next start 时请先设置 AUTH_SECRET。',
    );
    process.exit(1);
  }
  // the render queue's worker of this process (lib/pdf/worker.ts): claims PDF jobs queued by any process
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NODE_ENV === 'production') {
    const { ensurePdfWorker } = await import('./lib/pdf/worker');
    ensurePdfWorker();
  }
}

/**
 * Operator commands (run on the server: `npx tsx scripts/cli.ts <command>`), on the database at DATABASE_PATH
 * (default data/app.db), like the app:
 *
 *   create-admin <username> [--name 显示名]      a new administrator
 *   reset-password <username> [--must-change] [--activate]
 *   backup <file> [--force]                      an online, consistent copy (the server may keep running)
 *   restore <file> [--yes]                       replace the database with a backup (stop the server first)
 *
 * Passwords come from the environment variable ADMIN_PASSWORD, or are prompted for (twice) without echo.
 */
import { openDatabase } from '../db/client';
import { databasePath } from '../lib/env';
import {
  backupDatabase,
  checkAppDatabase,
  createAdminAccount,
  MaintenanceError,
  resetPasswordByName,
  restoreDatabase,
} from '../lib/admin/maintenance';
import { passwordProblem } from '../lib/auth/password';

const USAGE = `用法：npx tsx scripts/cli.ts <命令>

  create-admin <用户名> [--name 显示名]     新建系统管理员
  reset-password <用户名> [--must-change] [--activate]
                                           重置密码（--must-change：下次登录须修改；--activate：同时启用已停用的账号）
  backup <文件> [--force]                  在线备份数据库（服务可继续运行；--force 覆盖已有文件）
  restore <文件> [--yes]                   用备份文件恢复数据库（须先停止服务；--yes 不再询问）

密码从环境变量 ADMIN_PASSWORD 读取；未设置时在终端提示输入（不回显）。
数据库：环境变量 DATABASE_PATH（默认 data/app.db）。`;

interface Parsed {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      if (v !== undefined) flags.set(k, v);
      else if (k === 'name' && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) flags.set(k, argv[++i]);
      else flags.set(k, true);
    } else positional.push(a);
  }
  return { command: positional.shift(), positional, flags };
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    // piped input: the first line
    return new Promise((resolve, reject) => {
      let buf = '';
      const onData = (d: Buffer) => {
        buf += d.toString('utf8');
        const nl = buf.indexOf('\n');
        if (nl >= 0) {
          stdin.off('data', onData);
          stdin.pause();
          resolve(buf.slice(0, nl).replace(/\r$/, ''));
        }
      };
      stdin.on('data', onData);
      stdin.once('end', () => (buf ? resolve(buf.replace(/\r?\n$/, '')) : reject(new MaintenanceError('未读到密码'))));
      stdin.resume();
    });
  }
  process.stdout.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new MaintenanceError('已取消'));
        if (ch === '\u0004') return done();
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

function promptLine(question: string): Promise<string> {
  process.stdout.write(question);
  return new Promise((resolve) => {
    process.stdin.resume();
    process.stdin.setEncoding('utf8');
    process.stdin.once('data', (d) => {
      process.stdin.pause();
      resolve(String(d).trim());
    });
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  for (;;) {
    const first = await promptHidden('新密码：');
    const problem = passwordProblem(first);
    if (problem) {
      if (!process.stdin.isTTY) throw new MaintenanceError(problem);
      console.error(problem);
      continue;
    }
    if (!process.stdin.isTTY) return first;
    const again = await promptHidden('再次输入新密码：');
    if (again === first) return first;
    console.error('两次输入的密码不一致，请重新输入');
  }
}

async function main(argv: string[]): Promise<number> {
  const { command, positional, flags } = parseArgs(argv);
  if (flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const file = databasePath();
  switch (command) {
    case 'create-admin': {
      const username = positional[0];
      if (!username) break;
      const password = await readPassword();
      const db = openDatabase(file);
      try {
        const name = flags.get('name');
        const { id } = await createAdminAccount(db, {
          username,
          displayName: typeof name === 'string' ? name : undefined,
          password,
        });
        console.log(`已创建系统管理员 ${username}（编号 ${id}），数据库：${file}`);
      } finally {
        db.$client.close();
      }
      return 0;
    }
    case 'reset-password': {
      const username = positional[0];
      if (!username) break;
      const password = await readPassword();
      const db = openDatabase(file);
      try {
        const r = await resetPasswordByName(db, {
          username,
          password,
          mustChange: flags.has('must-change'),
          activate: flags.has('activate'),
        });
        console.log(`已重置 ${username} 的密码${r.reactivated ? '，并已启用该账号' : ''}；该用户已登录的会话已失效。`);
      } finally {
        db.$client.close();
      }
      return 0;
    }
    case 'backup': {
      const dest = positional[0];
      if (!dest) break;
      const r = await backupDatabase(file, dest, { overwrite: flags.has('force') });
      console.log(`已备份 ${file} → ${r.file}（${(r.bytes / 1024).toFixed(0)} KB）`);
      return 0;
    }
    case 'restore': {
      const src = positional[0];
      if (!src) break;
      const check = checkAppDatabase(src);
      if (!check.ok) throw new MaintenanceError('拒绝恢复：' + check.problems.join('；'));
      console.warn(`警告：恢复会用 ${src} 替换数据库 ${file}。`);
      console.warn('请先停止服务（npm start / next start），恢复完成后再启动；服务运行中恢复会导致数据损坏。');
      console.warn(`备份文件：用户 ${check.users} 个，预算 ${check.budgets} 份。`);
      if (!flags.has('yes')) {
        if (!process.stdin.isTTY) throw new MaintenanceError('非交互环境请加 --yes 确认');
        const answer = await promptLine('确认已停止服务并继续恢复？输入 yes 继续：');
        if (answer !== 'yes') {
          console.log('已取消');
          return 1;
        }
      }
      const r = await restoreDatabase(src, file);
      console.log(`已恢复数据库 ${file}${r.savedCurrentAs ? `；原数据库已另存为 ${r.savedCurrentAs}` : ''}`);
      return 0;
    }
    case 'help':
      console.log(USAGE);
      return 0;
    case undefined:
      console.log(USAGE);
      return 1;
  }
  console.error(command && !['create-admin', 'reset-password', 'backup', 'restore'].includes(command) ? `未知命令：${command}\n` : '缺少参数\n');
  console.error(USAGE);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof MaintenanceError) console.error('错误：' + e.message);
    else console.error(e);
    process.exit(1);
  },
);

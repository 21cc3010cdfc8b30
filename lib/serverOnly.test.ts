/**
 * Every module that touches the database is marked `import 'server-only'`: the modules of db/ and every module of
 * lib/ that imports db/, better-sqlite3 or drizzle-orm at run time. A client component that reaches one (directly or
 * through anything that imports it) then fails `next build` instead of shipping database code to the browser.
 * Outside Next (tsx scripts, vitest, Playwright) the marker resolves to its empty module (tsconfig.json `paths`,
 * vitest.config.ts `alias`).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(rel);
    return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Whether `spec`, imported from `file`, is the database: db/, better-sqlite3 or drizzle-orm. */
function isDatabase(file: string, spec: string): boolean {
  if (spec === 'better-sqlite3' || spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/')) return true;
  const target = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)) : null;
  return target !== null && (target === 'db' || target.startsWith('db/'));
}

/** The module's run-time imports (and re-exports) of the database, type-only ones left out. */
function databaseImports(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const c = st.importClause;
      const runtime =
        !c ||
        (!c.isTypeOnly &&
          (c.name !== undefined ||
            (c.namedBindings !== undefined && (ts.isNamespaceImport(c.namedBindings) || c.namedBindings.elements.some((e) => !e.isTypeOnly)))));
      if (runtime && isDatabase(file, st.moduleSpecifier.text)) out.push(st.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      if (isDatabase(file, st.moduleSpecifier.text)) out.push(st.moduleSpecifier.text);
    }
  }
  return out;
}

const marked = (file: string) => /^import 'server-only';$/m.test(fs.readFileSync(path.join(ROOT, file), 'utf8'));

describe('server-only marking', () => {
  const dbModules = sources('db');
  const libModules = sources('lib').filter((f) => databaseImports(f).length > 0);

  it('finds the modules it is about (the check is not vacuous)', () => {
    expect(dbModules).toContain('db/client.ts');
    expect(libModules).toContain('lib/budget/load.ts');
    expect(libModules).not.toContain('lib/money.ts');
    expect(libModules.length).toBeGreaterThan(30);
  });

  it('marks every module of db/ and every lib/ module that imports the database at run time', () => {
    expect([...dbModules, ...libModules].filter((f) => !marked(f))).toEqual([]);
  });

  it('leaves the modules client components import unmarked', () => {
    for (const f of ['lib/money.ts', 'lib/result.ts', 'lib/routes.ts', 'lib/jobStatus.ts', 'lib/zod.ts']) expect(marked(f), f).toBe(false);
  });
});

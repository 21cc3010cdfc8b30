/**
 * `npm run lint`'s unused-export check: every exported symbol declared in lib/, components/, db/ or a non-entry
 * module of app/ must be imported by some other file, else it is dead code (delete it, or stop exporting it).
 *
 * What counts as a use, decided with the TypeScript checker (so re-exports, renames, `export *` and `import * as`
 * resolve to the declaration they name):
 * - a named or default import, a property of a namespace import (a namespace used whole, e.g. `{ schema }` handed to
 *   drizzle, uses every export), a name taken from a dynamic `import()`, an `import('…').Name` type;
 * - from any file of the project (scripts/ and bench/ are real users), except test files (`*.test.ts`, e2e/): an
 *   export only tests import, and that its own module does not use either, is production code nobody runs (one its
 *   own module uses is a unit-tested part of that module and stays exported for its test). Test-support modules (a `testing/` folder or a
 *   `testing.ts`) exist for tests, so tests do count as their users;
 * - an export annotated `/** @public *\/` is kept regardless (say in the comment who uses it).
 * Next.js entry files (page, layout, route, loading, error, not-found, forbidden, default, …) are used by the
 * framework through their conventional exports (default, metadata, generateMetadata, dynamic, GET, …); their other
 * exports are checked like any module's.
 *
 *   tsx scripts/unused-exports.ts     prints `file:line  name` for each (noting those only tests import), exits 1 when
 *                                     there is any
 */
import path from 'node:path';
import ts from 'typescript';

const SCOPES = ['lib/', 'components/', 'db/', 'app/'];
const NEXT_ENTRY_FILE =
  /^app\/(.*\/)?(page|layout|template|route|loading|error|global-error|not-found|forbidden|unauthorized|default|opengraph-image|twitter-image|icon|apple-icon|sitemap|robots|manifest)\.tsx?$/;
const NEXT_ENTRY_EXPORTS = new Set([
  'default',
  'metadata',
  'generateMetadata',
  'viewport',
  'generateViewport',
  'generateStaticParams',
  'generateImageMetadata',
  'generateSitemaps',
  'dynamic',
  'dynamicParams',
  'revalidate',
  'fetchCache',
  'runtime',
  'preferredRegion',
  'maxDuration',
  'experimental_ppr',
  'alt',
  'size',
  'contentType',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]);

const isTestFile = (rel: string) => /\.(test|spec)\.tsx?$/.test(rel) || rel.startsWith('e2e/');
const isTestSupport = (rel: string) => /(^|\/)testing(\/|\.tsx?$)/.test(rel);
const inScope = (rel: string) => SCOPES.some((s) => rel.startsWith(s)) && !isTestFile(rel) && !rel.endsWith('.d.ts');

export interface UnusedExport {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line: number;
  name: string;
  /** Imported by tests only and unused by its own module (so: delete it, or test what uses it). */
  onlyTests: boolean;
}

/** The exports of the in-scope modules of `program` that no other file uses (see the header). */
export function findUnusedExports(program: ts.Program, root: string): UnusedExport[] {
  const checker = program.getTypeChecker();
  const relative = (sf: ts.SourceFile) => path.relative(root, sf.fileName).split(path.sep).join('/');
  const projectFiles = program
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && !sf.fileName.includes('/node_modules/') && !relative(sf).startsWith('..'));

  const resolve = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const used = new Set<ts.Symbol>();
  const usedByTests = new Set<ts.Symbol>();

  for (const sf of projectFiles) {
    const uses = isTestFile(relative(sf)) ? usedByTests : used;
    const mark = (s: ts.Symbol | undefined) => {
      if (s) uses.add(resolve(s));
    };
    const markAll = (moduleSymbol: ts.Symbol | undefined) => {
      if (moduleSymbol) for (const e of checker.getExportsOfModule(moduleSymbol)) mark(e);
    };
    const markNamed = (moduleSymbol: ts.Symbol | undefined, name: string) => {
      if (!moduleSymbol) return;
      mark(checker.getExportsOfModule(moduleSymbol).find((e) => e.name === name));
    };

    const namespaceUses = (decl: ts.NamespaceImport, moduleSymbol: ts.Symbol | undefined) => {
      const ns = checker.getSymbolAtLocation(decl.name);
      const visitIds = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && node !== decl.name && node.text === decl.name.text && checker.getSymbolAtLocation(node) === ns) {
          const parent = node.parent;
          if (ts.isPropertyAccessExpression(parent) && parent.expression === node) mark(checker.getSymbolAtLocation(parent.name));
          else if (ts.isQualifiedName(parent) && parent.left === node) mark(checker.getSymbolAtLocation(parent.right));
          else markAll(moduleSymbol);
        }
        ts.forEachChild(node, visitIds);
      };
      visitIds(sf);
    };

    const dynamicImport = (call: ts.CallExpression) => {
      const moduleSymbol = call.arguments[0] ? checker.getSymbolAtLocation(call.arguments[0]) : undefined;
      let node: ts.Node = call;
      while (ts.isParenthesizedExpression(node.parent) || ts.isAwaitExpression(node.parent)) node = node.parent;
      const parent = node.parent;
      if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name) && node !== call) {
        for (const el of parent.name.elements) {
          const key = el.propertyName ?? el.name;
          if (ts.isIdentifier(key)) markNamed(moduleSymbol, key.text);
          else markAll(moduleSymbol);
        }
      } else if (ts.isPropertyAccessExpression(parent) && parent.expression === node && node !== call) {
        markNamed(moduleSymbol, parent.name.text);
      } else markAll(moduleSymbol); // handed on (`.then(m => …)`, next/dynamic): whatever it reads
    };

    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && node.importClause) {
        const moduleSymbol = checker.getSymbolAtLocation(node.moduleSpecifier);
        const clause = node.importClause;
        if (clause.name) mark(checker.getSymbolAtLocation(clause.name));
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) mark(checker.getSymbolAtLocation(el.name));
        if (bindings && ts.isNamespaceImport(bindings)) namespaceUses(bindings, moduleSymbol);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        dynamicImport(node);
      } else if (ts.isImportTypeNode(node)) {
        const moduleSymbol = checker.getSymbolAtLocation(node);
        if (node.qualifier) mark(checker.getSymbolAtLocation(ts.isQualifiedName(node.qualifier) ? node.qualifier.right : node.qualifier));
        else if (node.isTypeOf) markAll(moduleSymbol);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  /** Whether `sf` refers to `target` anywhere but at its own declarations' names. */
  const usedInOwnFile = (sf: ts.SourceFile, target: ts.Symbol, decls: readonly ts.Declaration[]): boolean => {
    const names = new Set(decls.map((d) => ts.getNameOfDeclaration(d)));
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(node) && node.text === target.name && !names.has(node)) {
        const s = checker.getSymbolAtLocation(node);
        if (s && resolve(s) === target) found = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return found;
  };

  const unused: UnusedExport[] = [];
  for (const sf of projectFiles) {
    const rel = relative(sf);
    if (!inScope(rel)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) continue;
    const support = isTestSupport(rel);
    const entry = NEXT_ENTRY_FILE.test(rel);
    for (const e of checker.getExportsOfModule(moduleSymbol)) {
      if (entry && NEXT_ENTRY_EXPORTS.has(e.name)) continue;
      const target = resolve(e);
      const decls = (target.declarations ?? []).filter((d) => d.getSourceFile() === sf);
      if (decls.length === 0) continue; // a re-export: judged where it is declared
      if (used.has(target) || (support && usedByTests.has(target))) continue;
      if (usedByTests.has(target) && usedInOwnFile(sf, target, decls)) continue;
      if (decls.some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'public'))) continue;
      const at = ts.getNameOfDeclaration(decls[0]) ?? decls[0];
      const line = sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1;
      unused.push({ file: rel, line, name: e.name, onlyTests: usedByTests.has(target) });
    }
  }
  return unused.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The program of the project's tsconfig.json (every file it includes: app code, tests, scripts, bench, e2e). */
export function projectProgram(root: string): ts.Program {
  const configFile = path.join(root, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { incremental: false, noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const unused = findUnusedExports(projectProgram(root), root);
  for (const u of unused) console.log(`${u.file}:${u.line}  ${u.name}${u.onlyTests ? '  (only tests import it)' : ''}`);
  if (unused.length > 0) {
    console.error(`\n${unused.length} 个导出没有被其他文件使用：删除它们，或去掉 export（仅供外部使用的请注明 /** @public */）。`);
    process.exit(1);
  }
  console.log('unused exports: none');
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnusedExports, type UnusedExport } from './unused-exports';

/** A small project on disk: the check runs on it exactly as on the real one. */
const FILES: Record<string, string> = {
  'lib/money.ts': `
    export const used = 1;
    export const unused = 2;
    export type Fen = number;
    export const onlyHere = 3;
    export const twice = onlyHere * 2;`,
  'lib/parse.ts': `
    export const tested = (s: string) => s.trim();
    export const part = (s: string) => s.toUpperCase();
    export const whole = (s: string) => part(s) + '!';
    /** @public the parser's own test checks it directly */
    export const annotated = (s: string) => s.length;`,
  'lib/parse.test.ts': `
    import { tested, annotated, part } from './parse';
    import { fixture } from './testing/world';
    export const check = [tested(' a '), annotated('b'), part('c'), fixture];`,
  'lib/testing/world.ts': `
    export const fixture = 'world';
    export const spare = 'never used';`,
  'lib/deep.ts': `
    export const deep = 'through the index';
    export const other = 'nobody';`,
  'lib/index.ts': `export * from './deep';`,
  'lib/ns.ts': `
    export const a = 1;
    export const b = 2;
    export interface Shape { x: number }`,
  'lib/whole.ts': `
    export const w1 = 1;
    export const w2 = 2;`,
  'lib/dyn.ts': `
    export const dyn = 1;
    export const dyn2 = 2;`,
  'components/Card.tsx': `
    import type { Fen } from '../lib/money';
    import { used, twice } from '../lib/money';
    import * as ns from '../lib/ns';
    import * as whole from '../lib/whole';
    import { whole as shout } from '../lib/parse';
    export function Card(props: { amount: Fen; shape: ns.Shape }) { return props.amount + used + twice + ns.a + props.shape.x; }
    export const all = [...Object.keys(whole), shout('x')];`,
  'app/budgets/page.tsx': `
    import { Card } from '../../components/Card';
    import { deep } from '../../lib';
    export const metadata = { title: '预算' };
    export const helper = () => deep;
    export default function Page() { return Card; }`,
  'app/budgets/actions.ts': `
    export async function load() { const { dyn } = await import('../../lib/dyn'); return dyn; }`,
  'scripts/cli.ts': `
    import { load } from '../app/budgets/actions';
    import { all } from '../components/Card';
    void load; void all;`,
};

let root: string;
let found: UnusedExport[];

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'unused-exports-'));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const program = ts.createProgram({
    rootNames: Object.keys(FILES).map((f) => path.join(root, f)),
    options: { strict: true, noEmit: true, jsx: ts.JsxEmit.ReactJSX, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: [] },
  });
  found = findUnusedExports(program, root);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const names = () => found.map((u) => `${u.file}#${u.name}${u.onlyTests ? ' (tests)' : ''}`).sort();

describe('the unused-export check', () => {
  it('lists exactly the exports no other file uses', () => {
    expect(names()).toEqual(
      [
        'app/budgets/page.tsx#helper',
        'lib/deep.ts#other',
        'lib/dyn.ts#dyn2',
        'lib/money.ts#onlyHere',
        'lib/money.ts#unused',
        'lib/ns.ts#b',
        'lib/parse.ts#tested (tests)',
        'lib/testing/world.ts#spare',
      ].sort(),
    );
  });

  it('names the line of each declaration', () => {
    expect(found.find((u) => u.name === 'unused')).toMatchObject({ file: 'lib/money.ts', line: 3 });
  });

  it('counts imports, type imports, re-exports, namespace members, whole namespaces and dynamic imports as uses', () => {
    const flagged = new Set(found.map((u) => u.name));
    for (const name of ['used', 'Fen', 'twice', 'deep', 'a', 'Shape', 'w1', 'w2', 'dyn', 'Card', 'all', 'load']) expect(flagged.has(name), name).toBe(false);
  });

  it('leaves the exports Next.js uses in entry files, @public exports and what tests use of test support', () => {
    const flagged = new Set(found.map((u) => u.name));
    for (const name of ['default', 'metadata', 'annotated', 'fixture']) expect(flagged.has(name), name).toBe(false);
    // a part its own module uses may be exported for its unit test; one nothing but a test calls may not
    expect(flagged.has('part')).toBe(false);
    expect(flagged.has('tested')).toBe(true);
    // test files themselves are not checked
    expect(found.some((u) => u.file.endsWith('.test.ts'))).toBe(false);
  });
});

/**
 * Test helper: the CodeBook of the starter CSVs in db/seed/codebooks/<year>/ (the files the seed loads), through
 * the app's own reader (lib/codebook/starter.ts), resolved from the repository root whatever the cwd.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeBook } from '../../facts';
import { readStarterCodeBook, toCodeBook } from '../../codebook/starter';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function codebookFromCsv(year = 2024): CodeBook {
  return toCodeBook(readStarterCodeBook(year, REPO_ROOT));
}

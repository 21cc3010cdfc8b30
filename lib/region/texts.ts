/**
 * The region's fixed texts, stored in region_texts (key → JSON) and editable by an administrator: 名词解释 (glossary),
 * the 政府购买服务指导性目录 attachment, the note printed under an empty table, the thirteen table titles with a
 * `{year}` placeholder, and the typeface the printed document (print page, PDF) is set in. Anything not saved (or
 * unreadable) falls back to the default.
 */
import 'server-only';
import { inArray } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { regionTexts } from '../../db/schema';
import { writeAudit } from '../audit';
import { assertAdmin, type Actor } from '../auth/authorize';
import { parseInput } from '../admin/common';
import { DEFAULT_GLOSSARY } from './glossary';
import { DEFAULT_PURCHASE_CATALOG } from './purchaseCatalog';

export interface GlossaryEntry {
  term: string;
  definition: string;
}

export interface RegionTexts {
  /** 第四部分 名词解释, in order. */
  glossary: GlossaryEntry[];
  /** 政府购买服务指导性目录 attached to the disclosure (plain text; tab-separated lines are shown as a table). */
  purchaseCatalog: string;
  /** The note under a table without data. */
  emptyTableNote: string;
  /** 预算公开表1–13 titles; `{year}` is replaced by the budget year. */
  tableTitles: string[];
  /** The printed document's typeface: 山西's disclosures are set in a 宋体-style serif (the default). */
  documentFace: DocumentFace;
}

const DOCUMENT_FACES = ['serif', 'sans'] as const;
type DocumentFace = (typeof DOCUMENT_FACES)[number];
/** The class of app/globals.css that sets each face (both self-hosted: @fontsource Noto Serif SC / Noto Sans SC). */
export const DOCUMENT_FACE_CLASS: Record<DocumentFace, string> = { serif: 'doc-face-serif', sans: 'doc-face-sans' };

export const TABLE_COUNT = 13;

const DEFAULT_TABLE_TITLES: string[] = [
  '{year}年预算收支总表',
  '{year}年预算收入总表',
  '{year}年预算支出总表',
  '{year}年财政拨款收支总表',
  '{year}年一般公共预算支出预算表（不含上年结转）',
  '{year}年一般公共预算安排基本支出分经济科目表（不含上年结转）',
  '{year}年政府性基金预算收入表（不含上年结转）',
  '{year}年政府性基金预算支出表（不含上年结转）',
  '{year}年国有资本经营预算收支预算表（不含上年结转）',
  '{year}年财政拨款安排“三公”经费支出预算表',
  '{year}年财政拨款安排机关运行经费预算表',
  '{year}年项目支出预算表（本年预算）',
  '{year}年项目支出预算表（上年结转）',
];

const DEFAULT_EMPTY_TABLE_NOTE = '注：本表无数据';

export const DEFAULT_REGION_TEXTS: RegionTexts = {
  glossary: DEFAULT_GLOSSARY.map((g) => ({ ...g })),
  purchaseCatalog: DEFAULT_PURCHASE_CATALOG,
  emptyTableNote: DEFAULT_EMPTY_TABLE_NOTE,
  tableTitles: [...DEFAULT_TABLE_TITLES],
  documentFace: 'serif',
};

const REGION_TEXT_KEYS = ['glossary', 'purchaseCatalog', 'emptyTableNote', 'tableTitles', 'documentFace'] as const;
type RegionTextKey = (typeof REGION_TEXT_KEYS)[number];
export const REGION_TEXT_LABEL: Record<RegionTextKey, string> = {
  glossary: '名词解释',
  purchaseCatalog: '政府购买服务指导性目录',
  emptyTableNote: '空表说明',
  tableTitles: '表格标题',
  documentFace: '文档字体',
};

export const LIMITS = {
  glossaryEntries: 50,
  term: 40,
  definition: 2000,
  purchaseCatalog: 100_000,
  emptyTableNote: 60,
  tableTitle: 80,
} as const;

/** Characters a person cannot see or type on purpose (control characters except tab and newline). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const entrySchema = z.object({
  term: z
    .string({ error: '请输入名词' })
    .trim()
    .min(1, { error: '请输入名词' })
    .max(LIMITS.term, { error: `名词不能超过 ${LIMITS.term} 个字` })
    .refine((s) => !CONTROL.test(s), { error: '名词含有不可见的控制字符' }),
  definition: z
    .string({ error: '请输入解释' })
    .trim()
    .min(1, { error: '请输入解释' })
    .max(LIMITS.definition, { error: `解释不能超过 ${LIMITS.definition} 个字` })
    .refine((s) => !CONTROL.test(s), { error: '解释含有不可见的控制字符' }),
});

const titleSchema = z
  .string({ error: '请输入标题' })
  .trim()
  .min(1, { error: '标题不能为空' })
  .max(LIMITS.tableTitle, { error: `标题不能超过 ${LIMITS.tableTitle} 个字` })
  .refine((s) => !/\{(?!year\})[^}]*\}/.test(s), { error: '标题中只能使用 {year} 占位符' })
  .refine((s) => !CONTROL.test(s), { error: '标题含有不可见的控制字符' });

const regionTextSchemas = {
  glossary: z
    .array(entrySchema, { error: '名词解释格式不正确' })
    .max(LIMITS.glossaryEntries, { error: `名词解释最多 ${LIMITS.glossaryEntries} 条` })
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((e, i) => {
        const prev = seen.get(e.term);
        if (prev !== undefined)
          ctx.addIssue({ code: 'custom', path: [i, 'term'], message: `与第 ${prev + 1} 条的名词重复` });
        else seen.set(e.term, i);
      });
    }),
  purchaseCatalog: z
    .string({ error: '请输入目录内容' })
    .max(LIMITS.purchaseCatalog, { error: `目录内容不能超过 ${LIMITS.purchaseCatalog} 个字` })
    .transform((s) => s.replace(/\r\n?/g, '\n').replace(/\s+$/, ''))
    .refine((s) => !CONTROL.test(s), { error: '目录内容含有不可见的控制字符' }),
  emptyTableNote: z
    .string({ error: '请输入空表说明' })
    .trim()
    .min(1, { error: '请输入空表说明' })
    .max(LIMITS.emptyTableNote, { error: `空表说明不能超过 ${LIMITS.emptyTableNote} 个字` })
    .refine((s) => !CONTROL.test(s), { error: '空表说明含有不可见的控制字符' }),
  tableTitles: z
    .array(titleSchema, { error: '表格标题格式不正确' })
    .length(TABLE_COUNT, { error: `须有 ${TABLE_COUNT} 个表格标题` }),
  documentFace: z.enum(DOCUMENT_FACES, { error: '字体只能是宋体（serif）或黑体（sans）' }),
} satisfies Record<RegionTextKey, z.ZodType>;

const patchSchema = z.strictObject(
  {
    glossary: regionTextSchemas.glossary.optional(),
    purchaseCatalog: regionTextSchemas.purchaseCatalog.optional(),
    emptyTableNote: regionTextSchemas.emptyTableNote.optional(),
    tableTitles: regionTextSchemas.tableTitles.optional(),
    documentFace: regionTextSchemas.documentFace.optional(),
  },
  { error: '包含未知的文本项' },
);

/** The region's texts: what an administrator saved, merged over the defaults. */
export function loadRegionTexts(db: Db): RegionTexts {
  const rows = db
    .select()
    .from(regionTexts)
    .where(inArray(regionTexts.key, [...REGION_TEXT_KEYS]))
    .all();
  const out: RegionTexts = structuredClone(DEFAULT_REGION_TEXTS);
  for (const r of rows) {
    const key = r.key as RegionTextKey;
    let value: unknown;
    try {
      value = JSON.parse(r.value);
    } catch {
      continue;
    }
    const parsed = regionTextSchemas[key].safeParse(value);
    if (parsed.success) (out as unknown as Record<RegionTextKey, unknown>)[key] = parsed.data;
  }
  return out;
}

/** Which keys differ from the defaults (for the page's 已修改 marks). */
export function customizedKeys(texts: RegionTexts): RegionTextKey[] {
  return REGION_TEXT_KEYS.filter((k) => JSON.stringify(texts[k]) !== JSON.stringify(DEFAULT_REGION_TEXTS[k]));
}

/** Saves the given texts (administrators only), validated, each changed key audited with old and new value. */
export function saveRegionTexts(db: Db, actor: Actor, patch: Partial<RegionTexts>): { changed: RegionTextKey[] } {
  assertAdmin(actor);
  const data = parseInput(patchSchema, patch);
  const now = Date.now();
  return db.transaction((tx) => {
    const current = loadRegionTexts(tx as unknown as Db);
    const changed: RegionTextKey[] = [];
    for (const key of REGION_TEXT_KEYS) {
      const value = data[key];
      if (value === undefined) continue;
      const oldJson = JSON.stringify(current[key]);
      const newJson = JSON.stringify(value);
      if (oldJson === newJson) continue;
      tx.insert(regionTexts)
        .values({ key, value: newJson, updatedAt: now })
        .onConflictDoUpdate({ target: regionTexts.key, set: { value: newJson, updatedAt: now } })
        .run();
      writeAudit(
        tx,
        { userId: actor.userId, action: 'region_text.update', entity: 'region_text', entityId: key, oldValue: oldJson, newValue: newJson },
        now,
      );
      changed.push(key);
    }
    return { changed };
  });
}

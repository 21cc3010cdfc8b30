import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { auditLog, regionTexts } from '../../db/schema';
import { ForbiddenError, type Actor } from '../auth/authorize';
import { ValidationError } from '../result';
import { DEFAULT_GLOSSARY } from './glossary';
import { customizedKeys, DEFAULT_REGION_TEXTS, DOCUMENT_FACE_CLASS, loadRegionTexts, saveRegionTexts } from './texts';

const admin: Actor = { userId: 4, role: 'admin', departmentId: null, displayName: '管理员' };

describe('the region’s fixed texts', () => {
  it('falls back to the defaults: the reference’s glossary, titles and empty-table note', () => {
    const db = openDatabase(':memory:');
    const t = loadRegionTexts(db);
    expect(t.glossary).toEqual(DEFAULT_GLOSSARY);
    expect(t.emptyTableNote).toBe('注：本表无数据');
    expect(t.tableTitles).toHaveLength(13);
    expect(t.tableTitles[0]).toBe('{year}年预算收支总表');
    expect(t.tableTitles[12]).toBe('{year}年项目支出预算表（上年结转）');
    expect(t.purchaseCatalog).toContain('B1212\t\t\t机关事业单位招录（聘）服务');
    expect(customizedKeys(t)).toEqual([]);
  });

  it('sets the printed document in the serif face unless the region chose sans; nothing else is accepted', () => {
    const db = openDatabase(':memory:');
    expect(loadRegionTexts(db).documentFace).toBe('serif');
    expect(saveRegionTexts(db, admin, { documentFace: 'sans' }).changed).toEqual(['documentFace']);
    expect(loadRegionTexts(db).documentFace).toBe('sans');
    expect(DOCUMENT_FACE_CLASS[loadRegionTexts(db).documentFace]).toBe('doc-face-sans');
    expect(customizedKeys(loadRegionTexts(db))).toEqual(['documentFace']);
    expect(() => saveRegionTexts(db, admin, { documentFace: 'comic' as 'sans' })).toThrow(ValidationError);
    // a stored value that is not a face falls back to the default
    db.update(regionTexts).set({ value: '"comic"' }).where(eq(regionTexts.key, 'documentFace')).run();
    expect(loadRegionTexts(db).documentFace).toBe('serif');
  });

  it('saves a patch, merges it over the defaults and audits it', () => {
    const db = openDatabase(':memory:');
    const titles = [...DEFAULT_REGION_TEXTS.tableTitles];
    titles[0] = '{year}年度部门预算收支总表';
    const r = saveRegionTexts(db, admin, {
      glossary: [{ term: ' 基本支出 ', definition: '保障机构正常运转的支出。' }],
      tableTitles: titles,
    });
    expect(r.changed).toEqual(['glossary', 'tableTitles']);
    const t = loadRegionTexts(db);
    expect(t.glossary).toEqual([{ term: '基本支出', definition: '保障机构正常运转的支出。' }]);
    expect(t.tableTitles[0]).toBe('{year}年度部门预算收支总表');
    expect(t.emptyTableNote).toBe('注：本表无数据');
    expect(customizedKeys(t)).toEqual(['glossary', 'tableTitles']);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'region_text.update')).all().map((a) => a.entityId)).toEqual([
      'glossary',
      'tableTitles',
    ]);
    // saving the same again changes nothing
    expect(saveRegionTexts(db, admin, { tableTitles: titles }).changed).toEqual([]);
  });

  it('validates with Chinese messages per field and size limits', () => {
    const db = openDatabase(':memory:');
    const fieldErrors = (patch: object) => {
      try {
        saveRegionTexts(db, admin, patch);
      } catch (e) {
        if (e instanceof ValidationError) return { ...e.fieldErrors, ...(e.formError ? { _form: e.formError } : {}) };
        throw e;
      }
      throw new Error('expected a ValidationError');
    };
    expect(
      fieldErrors({
        glossary: [
          { term: 'A', definition: 'x' },
          { term: 'A', definition: '' },
        ],
      }),
    ).toEqual({ 'glossary.1.definition': '请输入解释', 'glossary.1.term': '与第 1 条的名词重复' });
    const titles = [...DEFAULT_REGION_TEXTS.tableTitles];
    titles[3] = '{yr}年表四';
    expect(fieldErrors({ tableTitles: titles })).toEqual({ 'tableTitles.3': '标题中只能使用 {year} 占位符' });
    expect(fieldErrors({ tableTitles: DEFAULT_REGION_TEXTS.tableTitles.slice(0, 12) })).toEqual({ tableTitles: '须有 13 个表格标题' });
    expect(fieldErrors({ emptyTableNote: '' })).toEqual({ emptyTableNote: '请输入空表说明' });
    expect(fieldErrors({ purchaseCatalog: 'x'.repeat(100_001) })).toEqual({ purchaseCatalog: '目录内容不能超过 100000 个字' });
    expect(fieldErrors({ somethingElse: 1 })).toEqual({ _form: '包含未知的文本项' });
  });

  it('ignores a stored value that no longer validates, and refuses non-administrators', () => {
    const db = openDatabase(':memory:');
    db.insert(regionTexts).values({ key: 'emptyTableNote', value: '{not json', updatedAt: 0 }).run();
    db.insert(regionTexts).values({ key: 'tableTitles', value: '["only one"]', updatedAt: 0 }).run();
    expect(loadRegionTexts(db)).toEqual(DEFAULT_REGION_TEXTS);
    const clerk: Actor = { userId: 1, role: 'clerk', departmentId: 1, displayName: '财务' };
    expect(() => saveRegionTexts(db, clerk, { emptyTableNote: '无' })).toThrow(ForbiddenError);
  });
});

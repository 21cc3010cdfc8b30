'use server';

import { formAction } from '@/lib/action';
import {
  DEFAULT_REGION_TEXTS,
  loadRegionTexts,
  REGION_TEXT_LABEL,
  saveRegionTexts,
  TABLE_COUNT,
  type RegionTexts,
} from '@/lib/region/texts';
import { ValidationError } from '@/lib/result';

type Section = 'glossary' | 'purchaseCatalog' | 'tables';

function patchFrom(section: Section, values: Record<string, string>, reset: boolean): Partial<RegionTexts> {
  if (reset) {
    return section === 'tables'
      ? { tableTitles: DEFAULT_REGION_TEXTS.tableTitles, emptyTableNote: DEFAULT_REGION_TEXTS.emptyTableNote }
      : { [section]: DEFAULT_REGION_TEXTS[section] };
  }
  switch (section) {
    case 'glossary': {
      let glossary: unknown;
      try {
        glossary = JSON.parse(values.glossary ?? '[]');
      } catch {
        throw new ValidationError({}, '名词解释数据无效，请刷新页面后重试');
      }
      return { glossary: glossary as RegionTexts['glossary'] };
    }
    case 'purchaseCatalog':
      return { purchaseCatalog: values.purchaseCatalog ?? '' };
    case 'tables':
      return {
        emptyTableNote: values.emptyTableNote ?? '',
        tableTitles: Array.from({ length: TABLE_COUNT }, (_, i) => values[`tableTitles.${i}`] ?? ''),
      };
  }
}

/** On success, `texts` holds the texts as now saved (the editors take them over, e.g. after 恢复默认). */
export const saveRegionTextsAction = formAction<{ message: string; texts: RegionTexts }>(
  ({ db, actor, values }) => {
    const section = values.section as Section;
    if (!['glossary', 'purchaseCatalog', 'tables'].includes(section)) throw new ValidationError({}, '未知的文本项');
    const reset = values.intent === 'reset';
    const { changed } = saveRegionTexts(db, actor, patchFrom(section, values, reset));
    const texts = loadRegionTexts(db);
    if (changed.length === 0) return { message: reset ? '已是默认内容' : '内容没有变化', texts };
    return { message: `${reset ? '已恢复默认' : '已保存'}：${changed.map((k) => REGION_TEXT_LABEL[k]).join('、')}`, texts };
  },
  { revalidate: () => ['/admin'] },
);

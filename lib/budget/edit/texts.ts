/** Texts typed by people for the explanation: 部门职责, 机构设置, the reasons (主要原因是…), other notes. */
import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { budgetTexts } from '../../../db/schema';
import type { Actor } from '../../auth/authorize';
import type { TextFacts } from '../../facts';
import { cleanReason } from '../../disclosure/words';
import { textField } from './fields';
import { LONG_TEXT_MAX } from './limits';
import { unknownKeys, updateSection, type SectionInput, type SectionSpec, type SectionValue, type SectionValues } from './section';

export const TEXT_FIELDS = [
  'duties',
  'organization',
  'reasonTotalChange',
  'reasonGeneralChange',
  'reasonThreePublicChange',
  'reasonRunningCostsChange',
  'purchaseOfServices',
  'otherNotes',
] as const satisfies readonly (keyof TextFacts)[];
type TextField = (typeof TEXT_FIELDS)[number];

export const TEXT_LABEL: Record<TextField, string> = {
  duties: '部门职责',
  organization: '机构设置',
  reasonTotalChange: '收支总额变动原因',
  reasonGeneralChange: '一般公共预算当年拨款变动原因',
  reasonThreePublicChange: '“三公”经费变动原因',
  reasonRunningCostsChange: '机关运行经费变动原因',
  purchaseOfServices: '政府购买服务',
  otherNotes: '其他需要说明的事项',
};
const isTextField = (k: string): k is TextField => (TEXT_FIELDS as readonly string[]).includes(k);
/** The entry hint of a reason field: the text writes “主要原因是” and the full stop itself. */
export const REASON_HINT = '只填写原因本身，如“新立项人才专项工作经费增加”；情况说明会自动加上“主要原因是”和句号。';

/** The reasons the text slots in after “主要原因是”. */
export const isReasonField = (k: string): boolean => k.startsWith('reason') && isTextField(k);

export function textValues(t: TextFacts): SectionValues {
  return Object.fromEntries(TEXT_FIELDS.map((f) => [f, t[f]]));
}

const clip = (s: string, n = 40) => (s.length > n ? s.slice(0, n) + '…' : s);

const spec: SectionSpec = {
  label: '说明文字',
  action: 'text.update',
  entity: 'budget_text',
  fields(_ctx, keys) {
    const schemas: Record<string, z.ZodType<SectionValue>> = {};
    for (const k of keys) {
      if (!isTextField(k)) continue;
      const field = textField(TEXT_LABEL[k], LONG_TEXT_MAX);
      // the text writes “主要原因是” and the full stop itself: a reason is stored without them
      schemas[k] = isReasonField(k) ? field.transform(cleanReason) : field;
    }
    return { schemas, errors: unknownKeys(keys, isTextField) };
  },
  read(tx, budgetId) {
    const r = tx.select().from(budgetTexts).where(eq(budgetTexts.budgetId, budgetId)).get();
    return Object.fromEntries(TEXT_FIELDS.map((f) => [f, r?.[f] ?? '']));
  },
  write(tx, budgetId, changes) {
    const set = changes as Partial<Record<TextField, string>>;
    const exists = tx.select({ id: budgetTexts.budgetId }).from(budgetTexts).where(eq(budgetTexts.budgetId, budgetId)).get();
    if (exists) tx.update(budgetTexts).set(set).where(eq(budgetTexts.budgetId, budgetId)).run();
    else tx.insert(budgetTexts).values({ budgetId, ...set }).run();
  },
  describe(key, value) {
    const v = String(value ?? '');
    return `${isTextField(key) ? TEXT_LABEL[key] : key}为${v === '' ? '空' : `“${clip(v)}”`}`;
  },
};

/** Saves texts (each at most LONG_TEXT_MAX characters). */
export function updateTexts(db: Db, actor: Actor, input: SectionInput) {
  return updateSection(db, actor, input, spec);
}

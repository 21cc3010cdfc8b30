/** Sections 十一 (国有资产占有使用情况) and 十二 (其他说明) of 第三部分. */
import { cleanTyped, formatArea, formatDateCn, typedParagraphs } from '../words';
import type { SectionBody, TextContext } from './context';
import { para, typedParagraph } from './paragraph';

/**
 * 十一、国有资产占有使用情况: vehicles (total 编制 and 实有; 实有 by category, with the category's 编制 where it
 * differs), office floor area (0.01 平方米, two decimals), devices over 50万/100万元.
 */
export function sectionAssets(ctx: TextContext): SectionBody {
  const { facts, dept } = ctx;
  const a = facts.assets;
  const asOf = formatDateCn(a.asOf, ctx.year);
  const establishment = a.vehicles.reduce((s, v) => s + v.establishment, 0);
  const actual = a.vehicles.reduce((s, v) => s + v.actual, 0);

  const vehicles = para()
    .t('截至')
    .date('assets.asOf', asOf)
    .t(`，${dept}共有公务用车编制`)
    .count('assets.vehicles.establishment', establishment)
    .t('辆，实有')
    .count('assets.vehicles.actual', actual)
    .t('辆');
  const categories = a.vehicles.filter((v) => cleanTyped(v.category) !== '');
  if (categories.length > 0) {
    vehicles.t('，其中：');
    categories.forEach((v, i) => {
      if (i > 0) vehicles.t('，');
      vehicles.t(cleanTyped(v.category)).count(`assets.vehicles[${i}].actual`, v.actual).t('辆');
      // a category's 编制 is written only where it differs from its 实有 (the reference lists 实有 alone)
      if (v.establishment !== v.actual) {
        vehicles.t('（编制').count(`assets.vehicles[${i}].establishment`, v.establishment).t('辆）');
      }
    });
  }
  vehicles.t('。');

  const area = para()
    .t('截至')
    .date('assets.asOf', asOf)
    .t(`，${dept}使用的办公用房建筑总面积`)
    .area('assets.officeArea', a.officeAreaCentiSqm, formatArea(a.officeAreaCentiSqm))
    .t('平方米。');

  const devices = para()
    .t('截至')
    .date('assets.asOf', asOf)
    .t(`，${dept}占有使用价值`)
    .fixed('threshold', 50)
    .t('万元（原值）以上的通用设备')
    .count('assets.devicesOver500k', a.devicesOver500k)
    .t(`台（套）；${dept}占有使用价值`)
    .fixed('threshold', 100)
    .t('万元（原值）以上的通用设备')
    .count('assets.devicesOver1m', a.devicesOver1m)
    .t('台（套）。');

  return {
    paragraphs: [],
    subsections: [
      { heading: '1、车辆情况：', paragraphs: [vehicles.build()] },
      { heading: '2、房屋情况：', paragraphs: [area.build()] },
      { heading: '3、其他国有资产占有使用情况：', paragraphs: [devices.build()] },
    ],
  };
}

/** 十二、其他说明: the typed 政府购买服务指导性目录 and 其他 texts, verbatim (nothing when left empty). */
export function sectionOther(ctx: TextContext): SectionBody {
  const t = ctx.facts.text;
  return {
    paragraphs: [],
    subsections: [
      {
        heading: '（一）政府购买服务指导性目录',
        paragraphs: typedParagraphs(t.purchaseOfServices).map((s) => typedParagraph('purchaseOfServices', s)),
      },
      { heading: '（二）其他', paragraphs: typedParagraphs(t.otherNotes).map((s) => typedParagraph('otherNotes', s)) },
    ],
  };
}

/** Values allowed but usually a slip: twins, 0.00 amounts, counts over their bound — each a warning at its place. */
import { describe, expect, it } from 'vitest';
import { runRules } from './index';
import { goodFacts, inputOf, WAN } from './testing/fixtures';

const show = (fs: ReturnType<typeof runRules>, family = 'suspicious.') =>
  fs.filter((f) => f.ruleId.startsWith(family)).map((f) => [f.severity, f.ruleId, f.location, f.message]);

describe('suspicious values', () => {
  it('is silent on the good budget', () => {
    expect(show(runRules(inputOf(goodFacts())))).toEqual([]);
  });

  it('flags the second of two identical 基本支出 lines, naming both row numbers', () => {
    const f = goodFacts();
    f.basicLines.push({ ...f.basicLines[1], id: 8 }, { ...f.basicLines[1], id: 9, amount: f.basicLines[1].amount + 1 });
    expect(show(runRules(inputOf(f)))).toEqual([
      [
        'warning',
        'suspicious.duplicate-line',
        { kind: 'line', lineId: 8 },
        '基本支出第 8 行（示例县测试局（机关） 2080101 30201 办公费 10.00 万元）与第 2 行完全相同（单位、功能科目、经济科目、资金来源一般公共预算和金额都相同）：如是重复录入，请删除其一',
      ],
    ]);
  });

  it('lines differing only in unit, source or amount are not twins', () => {
    const f = goodFacts();
    const l = f.basicLines[1];
    f.basicLines.push({ ...l, id: 8, unitId: 2 }, { ...l, id: 9, source: 'unit' }, { ...l, id: 10, amount: l.amount - 1 });
    expect(show(runRules(inputOf(f)), 'suspicious.duplicate-line')).toEqual([]);
  });

  it('flags a 0.00 line and a 0.00 item of a project that has money, but not the items of an empty project (projects.empty)', () => {
    const f = goodFacts();
    f.basicLines[2].amount = 0;
    f.projects[0].items[1].amount = 0;
    f.projects[1].items[0].amount = 0; // the whole project is 0: projects.empty says it
    const fs = runRules(inputOf(f));
    expect(show(fs, 'suspicious.zero-amount')).toEqual([
      ['warning', 'suspicious.zero-amount', { kind: 'line', lineId: 3 }, '基本支出第 3 行（示例县测试局（机关） 2080101 30217 公务接待费 0.00 万元）的金额为 0.00：请填写金额，或删除该行'],
      [
        'warning',
        'suspicious.zero-amount',
        { kind: 'projectItem', projectId: 11, itemId: 2 },
        '项目“就业服务经费”的明细（2080199 30231 公务用车运行维护费 0.00 万元）的金额为 0.00：请填写金额，或删除该明细',
      ],
    ]);
    expect(fs.filter((x) => x.ruleId === 'projects.empty').map((x) => x.location)).toEqual([{ kind: 'project', projectId: 12 }]);
  });

  it('flags two this-year projects of one unit with the same name; another unit, or this year vs carried over, is not a twin', () => {
    const f = goodFacts();
    const p = f.projects[0];
    f.projects.push(
      { ...p, id: 21, name: ' 就业服务经费 ', sort: 4 },
      { ...p, id: 22, unitId: 2, sort: 5 },
      { ...p, id: 23, carryover: true, sort: 6 },
    );
    expect(show(runRules(inputOf(f)), 'suspicious.duplicate-project-name')).toEqual([
      [
        'warning',
        'suspicious.duplicate-project-name',
        { kind: 'project', projectId: 21 },
        '项目“ 就业服务经费 ”与示例县测试局（机关）的另一个本年项目同名（共 2 个）：如是重复录入，请删除其一；如是不同项目，请改名区分',
      ],
    ]);
  });

  it('carried-over projects of one name are twins only with the same amount (two batches of one fund are common)', () => {
    const f = goodFacts();
    const c = f.projects[2];
    f.projects.push({ ...c, id: 31, items: [{ ...c.items[0], id: 9, amount: 1 * WAN }] });
    expect(show(runRules(inputOf(f)), 'suspicious.duplicate-project-name')).toEqual([]);
    f.projects.push({ ...c, id: 32, items: [{ ...c.items[0], id: 10 }] });
    expect(show(runRules(inputOf(f)), 'suspicious.duplicate-project-name')).toEqual([
      [
        'warning',
        'suspicious.duplicate-project-name',
        { kind: 'project', projectId: 32 },
        '上年结转项目“上年结转就业补助资金”与示例县测试局（机关）的另一个金额相同（8.00 万元）的上年结转项目同名（共 2 个）：如是重复录入，请删除其一；如是不同项目，请改名区分',
      ],
    ]);
  });

  it('flags 实有 over 编制 per vehicle category and more devices over 100万 than over 50万, at the asset figure', () => {
    const f = goodFacts();
    f.assets.vehicles = [
      { category: '其他公务用车', establishment: 8, actual: 9 },
      { category: '执法执勤用车', establishment: 2, actual: 2 },
    ];
    f.assets.devicesOver500k = 1;
    f.assets.devicesOver1m = 2;
    const fs = runRules(inputOf(f)).filter((x) => x.ruleId === 'suspicious.counts-over');
    expect(fs.map((x) => [x.location, x.message, x.key])).toEqual([
      [{ kind: 'asset', field: 'devicesOver1m' }, '单价100万元以上通用设备 2 台（套），多于单价50万元以上通用设备 1 台（套）：前者包含在后者之中，请核对', 'suspicious.counts-over@asset:devicesOver1m'],
      [{ kind: 'asset', field: 'vehicles.其他公务用车.actual' }, '其他公务用车实有 9 辆，多于编制数 8 辆：请核对实有数和编制数', 'suspicious.counts-over@asset:vehicles.其他公务用车.actual'],
    ]);
    expect(fs.every((x) => x.severity === 'warning')).toBe(true);
  });
});

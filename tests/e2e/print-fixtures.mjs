// Fully filled submissions with maximum-length answers, for the printing
// tests: 1000字 texts in paragraphs, 30+ table rows, long names. Built
// from the complete fixtures of tests/fixtures/ (2.2, 2.3) or from scratch
// (2.1, 2.4); every text is distinct, so a cut-off shows.
import { fixture } from "./harness.mjs";

const POOL =
  "平台围绕中小企业发展需求建设公共服务体系汇聚政策融资人才市场技术等各类资源推动数字化绿色化转型提升服务质量和效率" +
  "基地坚持公益属性示范引领改革创新突出特色化差异化完善运营管理制度加强服务队伍建设强化网络与数据安全保障体系建设" +
  "围绕专精特新发展开展梯度培育组织供需对接活动搭建大中小企业融通平台促进科技成果转化和知识产权运用服务覆盖全省";
const MARKS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";

let seed = 0;
/** `n` characters (字 as the engine counts them) in `paras` paragraphs, all distinct. */
export function longText(n = 1000, paras = 5) {
  seed += 1;
  const per = Math.floor(n / paras);
  const out = [];
  let used = 0;
  for (let p = 0; p < paras; p++) {
    const len = p === paras - 1 ? n - used : per;
    let s = MARKS[seed % MARKS.length] + MARKS[p % MARKS.length];
    for (let i = 0; s.length < len - 1; i++) s += POOL[(seed * 7 + p * 13 + i) % POOL.length];
    s = s.slice(0, len - 1) + "。";
    used += len;
    out.push(s);
  }
  return out.join("\n");
}

/** A long single-line name, distinct each call. */
export function longName(kind = "有限公司", n = 40) {
  seed += 1;
  let s = "广东省" + MARKS[seed % MARKS.length] + MARKS[(seed * 3) % MARKS.length];
  for (let i = 0; s.length < n - kind.length; i++) s += POOL[(seed * 11 + i) % POOL.length];
  return s + kind;
}

const pad = (n) => String(n).padStart(2, "0");

export function platformMax() {
  const data = structuredClone(fixture("platform-complete.json").data);
  Object.assign(data, {
    platform_name: longName("服务平台", 48),
    operator_name: longName("有限公司", 48),
    legal_representative: "欧阳明远",
    address: longName("大道一百八十八号", 48),
    org_type: { value: "other", detail: "以政府购买服务方式承担中小企业公共服务的产业促进中心" },
    login_methods: { values: ["pc", "mobile_web", "mini_program", "app"], details: { mini_program: "粤企服务小程序", app: "粤企服务" } },
    system_overview: longText(),
    databases: longText(),
    system_funding_source: longName("专项资金", 30),
    maintenance_funding_source_2024: longName("自有资金", 30),
    maintenance_funding_source_2025: longName("自有资金", 30),
    service_funding_source_2024: longName("购买服务", 30),
    service_funding_source_2025: longName("购买服务", 30),
    qualifications: longText(),
    capability_overview: longText(),
    general_services: { values: ["policy_guidance", "talent_training", "investment_financing", "other"], details: { other: "跨境电商合规辅导" } },
    interconnection: longText(),
    results_overview: longText(),
    provider_count: "20",
    expert_count: "10",
    agreements: Array.from({ length: 30 }, (_, i) => ({
      partner_name: longName("服务机构", 28),
      cooperation_content: longName("合作服务", 40),
      cooperation_period: { from: `2023-${pad((i % 12) + 1)}`, to: i % 3 ? "2026-12" : "至今" },
    })),
    offline_activities: Array.from({ length: 32 }, (_, i) => ({
      activity_content: longName("专题活动", 60),
      activity_date: `2025-${pad((i % 11) + 1)}-0${(i % 8) + 1}`,
      activity_enterprises: String(20 + i),
    })),
    served_enterprises: Array.from({ length: 32 }, (_, i) => ({
      enterprise_name: longName("科技有限公司", 30),
      enterprise_contact: "联系人" + MARKS[i % MARKS.length],
      enterprise_phone: `139000000${pad(i)}`,
      service_summary: longName("辅导服务", 80),
      satisfaction: String(90 + (i % 10)) + ".5",
    })),
  });
  return { form: "platform-application", data };
}

export function baseMax() {
  const data = structuredClone(fixture("base-complete.json").data);
  Object.assign(data, {
    base_name: longName("创业创新基地", 48),
    operator_name: longName("运营管理有限公司", 48),
    address: longName("科技园路八十八号", 48),
    org_type: { value: "private" },
    ecosystem_results: longText(),
    it_infrastructure: longText(),
    supporting_facilities: longText(),
    brand_activities: Array.from({ length: 30 }, (_, i) => ({
      activity_name: longName("品牌活动", 40),
      activity_count: String(3 + i),
      participating_enterprises: String(40 + i),
    })),
  });
  return { form: "base-application", data };
}

export function planMax() {
  const data = {
    platform_name: longName("服务平台", 48),
    applicant_name: longName("有限公司", 48),
    recommended_on: "2025年11月20日",
    recommending_unit: "广州市工业和信息化局",
    basic_introduction: longText(),
    plan_type: { value: "platform" },
    recent_results_text: longText(),
    served_totals: [
      { year: "2023年", total: "1200" },
      { year: "2024年", total: "1650" },
      { year: "2025年（截至申报时）", total: "1480" },
    ],
    service_counts: Array.from({ length: 30 }, (_, i) => ({
      category: { value: ["policy_guidance", "startup_guidance", "management_consulting", "talent_training", "financing"][i % 5] },
      year: `${2023 + (i % 3)}年`,
      count: String(100 + i),
    })),
    typical_practices: Array.from({ length: 4 }, () => ({ title: longName("工作法", 20), description: longText(300, 2) })),
    principles: longText(),
    targets: longText(),
    creation_tasks: Array.from({ length: 6 }, () => ({
      name: longName("服务能力", 30),
      purpose: longText(200, 1),
      content: longText(400, 2),
      expected_results: longText(200, 1),
    })),
    safeguard_measures: longText(),
  };
  return { form: "creation-plan", data };
}

export function summaryMax() {
  return {
    form: "summary-table",
    data: {
      recommending_unit: "广州市工业和信息化局",
      unit_kind: { value: "city" },
      objects: [
        { platform_name: longName("服务平台", 60), operator_name: longName("有限公司", 60), object_type: { value: "platform" } },
        { platform_name: longName("创业创新基地", 60), operator_name: longName("运营管理有限公司", 60), object_type: { value: "base" } },
      ],
    },
  };
}

const cnDate = (s) =>
  s
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y, m, d) => `${y}年${+m}月${+d}日`)
    .replace(/\b(\d{4})-(\d{2})\b/g, (_, y, m) => `${y}年${+m}月`)
    .replace(/ 至 /g, "至");

/** How each answer of an export prints: dates in 年月日, choices ticked by label, ranges with —. */
export function printedAnswers(def, data) {
  const fields = new Map();
  const walk = (s) => {
    for (const f of s.fields || []) fields.set(f.id, f);
    (s.sections || []).forEach(walk);
  };
  def.sections.forEach(walk);
  const out = [];
  // A choice field prints as the template's boxes, the chosen one ticked; in a table cell, as its label.
  const one = (f, v, inTable) => {
    if (typeof v === "string") return out.push(cnDate(v));
    if (typeof v === "boolean") return;
    if (v && "from" in v) return out.push(`${cnDate(v.from)}—${cnDate(v.to)}`);
    const label = (val) => f.options.find((o) => o.value === val).label;
    if (v && "value" in v) {
      out.push(inTable ? label(v.value) : `☑${label(v.value)}`);
      if (v.detail) out.push(v.detail);
    }
    if (v && "values" in v) {
      for (const x of v.values) out.push(`☑${label(x)}`);
      for (const d of Object.values(v.details || {})) out.push(d);
    }
  };
  for (const [id, v] of Object.entries(data)) {
    const f = fields.get(id);
    if (!f || f.aid) continue;
    if (Array.isArray(v)) {
      for (const row of v) for (const c of f.columns) if (row[c.id] !== undefined) one(c, row[c.id], true);
    } else one(f, v, false);
  }
  return out;
}

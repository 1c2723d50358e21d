//! Every field, option, unit, footnote and evidence note of the seed's forms
//! (附件2.1–2.4) appears on the built form pages, and the definitions keep the
//! structure the seed prescribes (row minimums, character limits, signs of
//! money, formulas, quotas).
//!
//! The phrase lists below were taken by hand from the seed text, with the PDF
//! extraction's stray spaces and broken table cells cleaned up. Where the seed
//! prints one cell that the form legitimately splits into separate labels
//! (`系统建设经费及来源` → `系统建设经费` + `来源`), the list holds the parts.
//! A phrase is looked for in the text of the page's `<article>` with all
//! whitespace removed on both sides, plus the placeholder text shown inside
//! empty boxes (the `请注明` beside `其他`).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use form_wasm::expr::{self, BinOp, Expr};
use form_wasm::model::{Field, FieldType, FormDef};
use tests::{build_real_site, repo_root, text_of};

// ---------------------------------------------------------------------------
// The seed's phrases, form by form.
// ---------------------------------------------------------------------------

/// 附件2.1 推荐国家中小企业公共服务示范平台（基地）创建对象汇总表.
const SUMMARY_TABLE: &[&str] = &[
    "附件2.1",
    "推荐国家中小企业公共服务示范平台（基地）创建对象汇总表",
    // Stamp label.
    "省级中小企业主管部门（盖章）",
    // Table column headers.
    "序号",
    "平台（基地）名称",
    "运营主体名称",
    "创建对象类型（平台、基地）",
    // The options of 创建对象类型, as the header names them.
    "平台",
    "基地",
    // The notice's point 二, which the table's quota rules enforce.
    "各自推荐创建对象不超过2个",
    "省有关单位推荐创建对象不超过1个",
    "超过数量不予受理",
    "没有符合条件的可不推荐",
];

/// 单位性质 as printed on 2.2 and 2.3.
const ORG_TYPES: &[&str] = &[
    "公益一类事业单位（全额拨款）",
    "公益二类事业单位（差额拨款）",
    "自收自支事业单位",
    "社会团体",
    "民办非企业",
    "国有企业",
    "民营企业",
    "其他",
];

const ORG_TYPE_EVIDENCE: &str =
    "请提供法人证书或营业执照副本复印件；以政府委托、购买服务、合作共建等方式承担中小企业公共服务工作的，提供相关佐证材料";

/// 2.2 平台服务功能 → 综合服务: the 11 items of 服务内容, then 其他.
const GENERAL_SERVICES: &[&str] = &[
    "法律法规政策查询辅导",
    "创业指导",
    "管理咨询",
    "人才培训",
    "人才招聘",
    "市场拓展",
    "投融资",
    "法律与合规",
    "诉求受理",
    "出海服务",
    "可持续发展（ESG）",
    "其他",
];

/// 2.2 平台服务功能 → 技术服务: the 9 items of 服务内容, then 其他.
const TECH_SERVICES: &[&str] = &[
    "数字化转型",
    "绿色化发展",
    "计量校准",
    "认证认可",
    "试验检验",
    "质量标准",
    "知识产权",
    "设备共享",
    "科技成果转化",
    "其他",
];

/// 运营主体基本情况 on 2.2 and 2.3, from 统一社会信用代码 to 电子邮箱, but for
/// the options of 单位性质 (`ORG_TYPES`).
const OPERATOR_DETAILS: &[&str] = &[
    "统一社会信用代码",
    "单位性质",
    "请注明",
    ORG_TYPE_EVIDENCE,
    "通讯地址",
    "邮编",
    "联系人",
    "职务",
    "固定电话",
    "手机",
    "传真",
    "电子邮箱",
];

/// 2.2 平台登录方式.
const LOGIN_METHODS: &[&str] = &["电脑端", "手机端", "微信小程序", "手机APP"];

/// 附件2.2 创建申请表（平台类）.
const PLATFORM_APPLICATION: &[&str] = &[
    "附件2.2",
    "国家中小企业公共服务示范平台（基地）",
    "创建申请表（平台类）",
    // 一、平台基本情况
    "一、平台基本情况",
    "平台名称",
    "平台网址",
    // 平台上线时间 / 登记注册时间: the blanks XX年XX月XX日 are the date boxes.
    "平台上线时间",
    "运营主体基本情况",
    "登记注册名称（全称）",
    "法人代表",
    "登记注册时间",
    "与法人证书或营业执照上日期一致",
    // 统一社会信用代码 to 电子邮箱, as on 2.3: OPERATOR_DETAILS and ORG_TYPES.
    // 二、2024年度收支情况: the header cells 营业收入（万元） etc. are split
    // into the label and the unit beside the box.
    "二、2024年度收支情况",
    "营业收入",
    "其中：",
    "服务收入",
    "政府委托、采购服务等收入",
    "资产总额",
    "利润总额/经营结余",
    "上缴税金",
    "万元",
    "请提供2024年度审计报告及服务收支情况的专项审计报告，或2024年度包含服务收支情况的审计报告",
    // 三、平台系统建设情况
    "三、平台系统建设情况",
    "总体情况",
    "重点介绍数字化智能化及数据库建设情况、系统运行便捷稳定情况、运营保障机制情况，1000字以内",
    "建设中小企业库、法律政策库、服务机构库、服务产品案例库情况",
    "包括各类数据库内容概述、入库数量等",
    "请提供佐证材料",
    "平台登录方式",
    "电脑端",
    "手机端",
    "微信小程序",
    "手机APP",
    // 系统建设经费及来源 / 系统建设经费：  万元，来源：
    "系统建设经费",
    "来源",
    // 技术运维经费及来源, 服务运营经费及来源: one line per year.
    "2024年技术运维经费",
    "2025年技术运维经费",
    "2024年服务运营经费",
    "2025年服务运营经费",
    // 管理人员及服务人员数量: 管理人员  人，服务人员  人；其中本科以上学历人员占比为  %
    "管理人员",
    "服务人员",
    "人",
    "其中本科以上学历人员占比",
    "%",
    "是否制定服务发展规划",
    "是否制定年度服务计划",
    "是否制定服务管理制度",
    "请提供具体制度文件",
    "获得专业服务资质认证情况（如GB/T19001或ISO9001、ISO17025等）；与服务能力相关的专利、商标、品牌、标准、软件著作权等情况",
    "请提供必要的从业资格（资质）、许可证以及奖项、称号、认定等复印件",
    // 四、平台服务能力情况
    "四、平台服务能力情况",
    "重点介绍服务功能情况、汇集服务资源情况以及互联互通情况，1000字以内",
    "平台服务功能",
    "综合服务",
    // The items of 服务内容 under 综合服务 and 技术服务: GENERAL_SERVICES, TECH_SERVICES.
    "服务内容",
    "技术服务",
    // 服务栏目共  个
    "服务栏目共",
    "个",
    "备注：可选择综合服务、技术服务其中一项填写，也可两项都填写。",
    "汇集服务资源情况",
    // 汇集服务机构  家、专家  人，具体如下（…）
    "汇集服务机构",
    "家",
    "专家",
    "具体如下",
    "填写具体机构名称、专家姓名或产品名称",
    "请提供相关佐证材料，如：与服务机构的合作协议首页复印件或者与外部专家签署聘用协议或颁发聘用证书复印件等",
    "签订合作协议的单位（聘用的外部专家）",
    "合作内容",
    // 合作起止时间（X年X月—X年X月）
    "合作起止时间",
    "X年X月—X年X月",
    "互联互通情况",
    "初步实现本区域互联互通，或已制定明确工作计划情况",
    "请提供相关材料",
    // 五、平台服务成效情况
    "五、平台服务成效情况",
    "重点介绍服务中小企业情况、覆盖面情况、服务满意度及线下服务拓展情况，1000字以内",
    "服务中小企业情况",
    "2024年度服务中小企业数量",
    "请提供相关佐证材料",
    "预计2025年度服务中小企业数量",
    // Row 服务覆盖面情况 holds the one question 对下一级区域的服务覆盖面  %.
    "对下一级区域的服务覆盖面",
    "线下服务拓展情况",
    "填写至少10项2025年线下开展的活动",
    "请提供平台开展相关服务的佐证材料，如：合同、通知、照片、总结等",
    "序号",
    "服务活动名称和主要内容",
    "开展时间",
    "服务企业数量（家）",
    "服务的中小企业名单及服务评价表",
    "填写不少于30家企业信息",
    "服务中小企业名称",
    "联系电话",
    "服务内容简述",
    // 企业满意度（填写分值，满分100分）
    "企业满意度",
    "填写分值，满分100分",
];

/// 附件2.3 创建申请表（基地类）.
const BASE_APPLICATION: &[&str] = &[
    "附件2.3",
    "国家中小企业公共服务示范平台（基地）",
    "创建申请表（基地类）",
    // 一、基地基本情况
    "一、基地基本情况",
    "基地名称",
    "建设运营主体基本情况",
    "运营主体名称",
    "法人代表",
    "开始运营时间",
    "XX年XX月",
    // 统一社会信用代码 to 电子邮箱, as on 2.2: OPERATOR_DETAILS and ORG_TYPES.
    // 基地占地面积  平方米；基地建筑面积  平方米；自有  平方米；租用  平方米
    "基地面积",
    "基地占地面积",
    "基地建筑面积",
    "平方米",
    "自有",
    "租用",
    "请提供相关佐证材料",
    "基地主导产业",
    "引入外部专业服务机构数量",
    "入驻中小企业数量（家）",
    // 二、2024年度收支情况
    "二、2024年度收支情况",
    "营业收入",
    "其中：",
    "服务收入",
    "研发经费支出",
    "资产总额",
    "利润总额/经营结余",
    "上缴税金",
    "万元",
    "请提供基地上年度审计报告及服务收支情况的专项审计报告，或上一年度包含服务收支情况的审计报告",
    // 三、产业基础情况
    "三、产业基础情况",
    "2023年度入驻企业总营业收入",
    "2024年度入驻企业总营业收入",
    "2024年度基地入驻企业人员总数量",
    "人",
    "2024年度人均产出",
    "2024年度地均产出",
    "近两年基地入驻企业总营业收入增速",
    // The PDF's "x100%" is the multiplication sign; its opening bracket is lost in the seed.
    "2024年度入驻企业营业收入-2023年度入驻企业营业收入)/2023年度入驻企业营业收入×100%",
    "%",
    "主导产业企业营业收入占比",
    // 2024年度主导产业企业营业收入  万元 /2024年度入驻企业总营业收入×100%=  %
    "2024年度主导产业企业营业收入",
    "2024年度入驻企业总营业收入×100%",
    // 高技术产业企业²营业收入占比 (footnote 2 sits on the money field the share is made of)
    "高技术产业企业营业收入占比",
    "2024年度高技术产业企业营业收入",
    // 四、创新水平情况
    "四、创新水平情况",
    "科技型中小企业数量",
    "创新型中小企业数量",
    "专精特新中小企业数量",
    "高新技术企业数量",
    "专精特新“小巨人”企业数量",
    "制造业单项冠军企业数量",
    "请提供企业名单",
    "入驻优质企业占比",
    // The seed misprints the last term as 创新新中小企业数量; it means the 创新型 count above.
    "（制造业冠军企业*20+小巨人企业数量*10+专精特新中小企业数量*2+高新技术企业数量+科技型中小企业数量+创新型中小企业数量）/基地企业数量",
    "同一企业多个称号的，只计算其中一个称号，不重复计算",
    // 省级以上创新平台数量³ 共计  家。其中，省级  家，国家级  家。
    "省级以上创新平台数量",
    "共计",
    "省级",
    "国家级",
    "请提供佐证材料",
    "2024年度入驻企业平均研发投入强度",
    "2024年度入驻企业每千万元营业收入有效发明专利数量",
    "项",
    "请提供专利列表或截图",
    "创业创新服务生态建设",
    "科技企业孵化器",
    "个",
    "公共技术服务平台",
    "产业基金",
    "简述运行服务成效",
    "2025年基地开展的服务活动情况",
    "品牌服务活动名称",
    "开展活动数量（场）",
    "入驻企业参与数量（家）",
    // 五、配套建设情况
    "五、配套建设情况",
    "基地信息化基础设施",
    "基地空间开放共享、数字化和低碳技术应用、生产配套设施、生活配套设施等方面情况",
    "请举例说明",
    // 六、运营管理和服务能力
    "六、运营管理和服务能力",
    "运营主体是否建立考核激励制度",
    "请提供具体制度文件",
    "是否建立运营管理服务制度",
    "基地运营人员数量",
    "人员是否具备运营经验",
    "是否实现品牌化连锁运营",
    "是否建立实施服务信息保密机制、网络与数据安全保障体系",
    "2024年度运营主体服务性收入",
    "2024年度运营主体服务性收入占比",
    "（服务收入/总收入）×100%",
    // Footnotes 1–4.
    "主导产业应具体到《国民经济行业分类》(GB/T4754-2017)的中类。",
    "高技术产业统计以国家统计局发布的最新版《高技术产业（制造业）分类》《高技术产业（服务业）分类》为准",
    "省级以上创新平台包括重点实验室、企业技术中心、研发中心等。",
    "公共服务平台是指具有共享开放属性，能够为企业提供概念验证、中试、检验检测、设备共享、知识产权、数据库及文献查询、技术交易、技术转移等服务的平台。",
    "运营主体服务性收入包括物业服务（非房租），创业孵化服务，技术转移转化、服务平台、物流供应链、人才引育、投融资等产业促进服务，信息技术、市场合作与品牌推广等商务服务收入。",
];

/// 附件2.4 创建方案 (cover and template).
const CREATION_PLAN: &[&str] = &[
    "附件2.4",
    "国家中小企业公共服务示范平台（基地）",
    "创建方案",
    // Cover.
    "平台（基地）名称",
    "申请单位（运营主体）名称",
    "（盖章）",
    "推荐时间",
    "推荐单位",
    "推荐单位（盖章）",
    "工业和信息化部制",
    // 一、基本情况介绍
    "一、基本情况介绍",
    "介绍平台（基地）运营主体以及平台（基地）的基本信息，包括：运营主体属性、平台（基地）创立发展沿革、当前建设运营基本情况（人员数量、软硬件条件、管理制度建设情况等）、服务总体情况（主要服务内容、服务对象、服务规模、方式、收费以及公益性服务情况等）。",
    // 二、服务成效
    "二、服务成效",
    "（一）近三年服务中小企业成效",
    "平台类包括服务企业总数，分项服务中小企业数量，如：法律法规政策查询辅导、创业指导、管理咨询、人才培训、人才招聘、市场拓展、投融资、法律与合规、诉求受理、出海服务、可持续发展、技术服务、数字化转型、绿色化发展、计量校准、认证认可、试验检验、质量标准、知识产权、设备共享、科技成果转化等。",
    "基地类包括入驻企业数量，优质企业培育情况，提供技术创新、融资促进、政策辅导、人才引进、市场拓展、管理提升等。",
    "（二）已经形成的典型经验做法",
    "（简要介绍在服务产品开发、服务模式创新、服务质量提升等方面开展的创新性探索及典型经验做法，不少于3条）",
    // 三、创建总体思路
    "三、创建总体思路",
    "（一）原则及定位",
    "（重点围绕解决中小企业亟需、服务专精特新发展，突出公益属性、示范引领、改革创新，突出特色化、差异化，突出未来发展和前瞻布局）",
    "（二）预期目标",
    "（创建期满后在软硬件改造、服务规模、服务质效提升等方面预期达到的目标，预期目标需定性定量相结合，明确清晰可考核）",
    // 四、创建任务
    "四、创建任务",
    "围绕服务中小企业技术创新，融入重点产业链供应链，推进数字化、绿色化转型，以及拓展市场、提高效益、满足资金人才要素需求等专精特新发展需要，提出在创建期内拟开展的创建任务，包括：集聚服务资源、丰富服务功能、创新服务模式、提升服务质效等方面的具体细化任务，创建任务需清晰、具体、聚焦，任务目的、建设内容、预期成效明确、清晰，成果可考核。",
    "平台类文本范例如下：",
    "创建任务1：完善中小企业库、法律政策库、服务机构库、服务产品案例库。",
    "创建任务2：开发中小企业政策精准服务“机器人”。",
    "基地类文本范例如下：",
    "创建任务1：梯度培育优质企业，构建促进专精特新中小企业发展壮大机制。",
    "创建任务2：搭建入驻中小企业与大企业对接平台，推动融入重点产业链供应链。",
    // 五、保障措施
    "五、保障措施",
    // 备注
    "备注：《创建方案》应在地方中小企业主管部门指导下，根据发展实际认真编制，广泛听取各方意见，充分了解中小企业需求，坚持需求导向、目标导向，具有科学性、前瞻性和可操作性。本提纲作为参考，编制主体可根据实际情况做适当调整，具体可参考国家中小企业公共服务示范平台（基地）创建方案评价要求及创建认定标准。",
];

/// 2.4 二（一）: the service categories the template lists for 平台类.
const PLAN_SERVICE_CATEGORIES: &[&str] = &[
    "法律法规政策查询辅导",
    "创业指导",
    "管理咨询",
    "人才培训",
    "人才招聘",
    "市场拓展",
    "投融资",
    "法律与合规",
    "诉求受理",
    "出海服务",
    "可持续发展",
    "技术服务",
    "数字化转型",
    "绿色化发展",
    "计量校准",
    "认证认可",
    "试验检验",
    "质量标准",
    "知识产权",
    "设备共享",
    "科技成果转化",
];

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What the form page shows: the text of its `<article>` (the whole page if
/// there is none) and the placeholders of its boxes, whitespace removed.
fn page_text(out: &Path, form: &str) -> String {
    let path = out.join("forms").join(format!("{form}.html"));
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let article = match (html.find("<article"), html.rfind("</article>")) {
        (Some(a), Some(b)) if a < b => &html[a..b],
        _ => &html[..],
    };
    let mut text = text_of(article);
    for rest in article.split(" placeholder=\"").skip(1) {
        text.push('\n');
        text.push_str(rest.split('"').next().unwrap_or(""));
    }
    squash(&text)
}

/// Every phrase of `lists` (the form's own, and those it shares with
/// another) is on the form's page.
fn assert_phrases_on_page(form: &str, lists: &[&[&str]]) {
    let (_dir, out) = build_real_site();
    let text = page_text(&out, form);
    let phrases: Vec<&str> = lists.concat();
    let missing: Vec<&str> = phrases.iter().copied().filter(|p| !text.contains(&squash(p))).collect();
    assert!(
        missing.is_empty(),
        "{} of {} seed phrases missing from forms/{form}.html:\n  {}",
        missing.len(),
        phrases.len(),
        missing.join("\n  ")
    );
}

fn load(form: &str) -> FormDef {
    let path = repo_root().join("content/forms").join(format!("{form}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every field and table column of the form, depth first.
fn all_fields(def: &FormDef) -> Vec<&Field> {
    let mut out = Vec::new();
    for (_, f) in def.fields() {
        out.push(f);
        out.extend(f.columns.iter());
    }
    out
}

/// The field (or column) with exactly this label.
fn by_label<'a>(def: &'a FormDef, label: &str) -> &'a Field {
    let found: Vec<&Field> = all_fields(def).into_iter().filter(|f| f.label == label).collect();
    match found.as_slice() {
        [f] => f,
        [] => panic!(
            "{}: no field labelled {label:?}; labels: {:?}",
            def.id,
            all_fields(def).iter().map(|f| f.label.as_str()).collect::<Vec<_>>()
        ),
        _ => panic!("{}: {} fields labelled {label:?}", def.id, found.len()),
    }
}

fn by_id<'a>(def: &'a FormDef, id: &str) -> &'a Field {
    def.fields().into_iter().map(|(_, f)| f).find(|f| f.id == id).unwrap_or_else(|| panic!("{}: no field {id}", def.id))
}

fn column<'a>(table: &'a Field, label: &str) -> &'a Field {
    table.columns.iter().find(|c| c.label == label).unwrap_or_else(|| {
        panic!(
            "table {}: no column labelled {label:?}; columns: {:?}",
            table.id,
            table.columns.iter().map(|c| c.label.as_str()).collect::<Vec<_>>()
        )
    })
}

fn option_labels(f: &Field) -> Vec<&str> {
    f.options.iter().map(|o| o.label.as_str()).collect()
}

fn detail_of<'a>(f: &'a Field, label: &str) -> Option<&'a str> {
    f.options.iter().find(|o| o.label == label).and_then(|o| o.detail.as_deref())
}

fn bound(n: &Option<form_wasm::model::Number>) -> Option<String> {
    n.as_ref().map(|n| n.as_text())
}

/// A computed field's formula, parsed.
fn formula(f: &Field) -> Expr {
    assert_eq!(f.kind, FieldType::Computed, "{} is computed", f.label);
    let src = f.formula.as_deref().unwrap_or_else(|| panic!("{} has a formula", f.label));
    expr::parse(src).unwrap_or_else(|e| panic!("{}: formula {src:?} does not parse: {e:?}", f.label))
}

fn is_number(e: &Expr, n: &str) -> bool {
    matches!(e, Expr::Number(d) if d.to_string() == n)
}

/// `numerator / denominator`, optionally `* 100`: the parts and whether it is a percentage.
fn ratio(e: &Expr) -> (&Expr, &Expr, bool) {
    match e {
        Expr::Binary(BinOp::Mul, a, b) if is_number(b, "100") => match a.as_ref() {
            Expr::Binary(BinOp::Div, n, d) => (n, d, true),
            other => panic!("expected a ratio times 100, got {other:?}"),
        },
        Expr::Binary(BinOp::Div, n, d) => (n, d, false),
        other => panic!("expected a ratio, got {other:?}"),
    }
}

/// Labels of the fields an expression reads, sorted.
fn labels_read(def: &FormDef, e: &Expr) -> Vec<String> {
    let mut v: Vec<String> = e.references().into_iter().map(|id| by_id(def, id).label.clone()).collect();
    v.sort();
    v
}

fn sorted(labels: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// A computed ratio of the form: reads `numerator` over `denominator` (labels), ×100 when a percentage.
fn assert_ratio(def: &FormDef, label: &str, numerator: &[&str], denominator: &[&str], percent: bool) {
    let f = by_label(def, label);
    let e = formula(f);
    let (n, d, times_100) = ratio(&e);
    assert_eq!(labels_read(def, n), sorted(numerator), "{label}: numerator");
    assert_eq!(labels_read(def, d), sorted(denominator), "{label}: denominator");
    assert_eq!(times_100, percent, "{label}: ×100% exactly when it is a percentage");
    if percent {
        assert_eq!(f.unit.as_deref(), Some("%"), "{label} is shown in %");
    }
}

/// Weights of a sum of `field * number` and `field` terms, keyed by label.
fn weights(def: &FormDef, e: &Expr, out: &mut BTreeMap<String, String>) {
    match e {
        Expr::Binary(BinOp::Add, a, b) => {
            weights(def, a, out);
            weights(def, b, out);
        }
        Expr::Binary(BinOp::Mul, a, b) => match (a.as_ref(), b.as_ref()) {
            (Expr::Field(f), Expr::Number(n)) | (Expr::Number(n), Expr::Field(f)) => {
                out.insert(by_id(def, f).label.clone(), n.to_string());
            }
            other => panic!("expected field × weight, got {other:?}"),
        },
        Expr::Field(f) => {
            out.insert(by_id(def, f).label.clone(), "1".into());
        }
        other => panic!("expected a weighted sum, got {other:?}"),
    }
}

/// Money fields (and columns): only 利润总额/经营结余 may be negative.
fn assert_money_signs(def: &FormDef) {
    let money: Vec<&Field> = all_fields(def).into_iter().filter(|f| f.kind == FieldType::Money).collect();
    for f in money {
        assert_eq!(
            f.negative,
            f.label == "利润总额/经营结余",
            "{}: money {} negative: {}",
            def.id,
            f.label,
            f.negative
        );
    }
}

/// Textareas the seed marks 1000字以内: exactly those labelled, each limited to 1000 characters.
fn assert_thousand_char_limits(def: &FormDef, expected: usize) {
    let marked: Vec<&Field> = all_fields(def)
        .into_iter()
        .filter(|f| f.help.as_deref().is_some_and(|h| squash(h).contains("1000字以内")))
        .collect();
    assert_eq!(marked.len(), expected, "{}: textareas marked 1000字以内", def.id);
    for f in marked {
        assert_eq!(f.kind, FieldType::Textarea, "{}: {} is a textarea", def.id, f.id);
        assert_eq!(f.max_chars, Some(1000), "{}: {} is limited to 1000 characters", def.id, f.id);
    }
}

fn assert_yes_no(def: &FormDef, labels: &[&str]) {
    for l in labels {
        let f = by_label(def, l);
        assert_eq!(f.kind, FieldType::YesNo, "{l} is a yes/no question");
        assert!(f.evidence.as_deref().is_some_and(|e| e.starts_with("请提供")), "{l} says what proves a 是");
    }
}

// ---------------------------------------------------------------------------
// The phrases are on the pages.
// ---------------------------------------------------------------------------

#[test]
fn summary_table_page_has_every_seed_phrase() {
    assert_phrases_on_page("summary-table", &[SUMMARY_TABLE]);
}

#[test]
fn platform_application_page_has_every_seed_phrase() {
    assert_phrases_on_page(
        "platform-application",
        &[PLATFORM_APPLICATION, OPERATOR_DETAILS, ORG_TYPES, GENERAL_SERVICES, TECH_SERVICES],
    );
}

#[test]
fn base_application_page_has_every_seed_phrase() {
    assert_phrases_on_page("base-application", &[BASE_APPLICATION, OPERATOR_DETAILS, ORG_TYPES]);
}

#[test]
fn creation_plan_page_has_every_seed_phrase() {
    assert_phrases_on_page("creation-plan", &[CREATION_PLAN]);
}

// ---------------------------------------------------------------------------
// The definitions keep the seed's structure.
// ---------------------------------------------------------------------------

#[test]
fn summary_table_definition_follows_the_seed() {
    let def = load("summary-table");
    assert_eq!(def.attachment, "2.1");
    assert_eq!(def.stamps.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["省级中小企业主管部门（盖章）"]);

    let tables: Vec<&Field> = def.fields().into_iter().map(|(_, f)| f).filter(|f| f.kind == FieldType::Table).collect();
    let [table] = tables.as_slice() else { panic!("2.1 is one table, got {}", tables.len()) };
    let cols: Vec<&str> = table.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(cols, ["平台（基地）名称", "运营主体名称", "创建对象类型（平台、基地）"]);
    let kind = column(table, "创建对象类型（平台、基地）");
    assert_eq!(kind.kind, FieldType::Choice);
    assert_eq!(option_labels(kind), ["平台", "基地"]);

    // Quotas of the notice's point 二: ≤2 for every unit, and ≤1 for 省有关单位
    // (chosen as the unit's kind, a site aid); both refuse, on the seed's words.
    let unit_kind = by_label(&def, "推荐单位类型");
    assert_eq!(unit_kind.kind, FieldType::Choice);
    assert!(unit_kind.aid && !unit_kind.required, "the unit's kind is not on the template");
    let provincial = unit_kind
        .options
        .iter()
        .find(|o| o.label == "省有关单位")
        .unwrap_or_else(|| panic!("推荐单位类型 offers 省有关单位: {:?}", option_labels(unit_kind)));
    let is_provincial = format!("{}==\"{}\"", unit_kind.id, provincial.value);
    let quota = |when: Option<&str>, limit: &str| {
        def.rules.iter().any(|r| {
            r.severity == form_wasm::model::Severity::Error
                && r.basis.is_some()
                && r.when.as_deref().map(squash).as_deref() == when
                && squash(&r.check) == format!("count({})<={limit}", table.id)
        })
    };
    assert!(quota(Some(&is_provincial), "1"), "a blocking rule: 省有关单位 recommend at most 1: {:#?}", def.rules);
    assert!(quota(None, "2"), "a blocking rule: every unit recommends at most 2: {:#?}", def.rules);
}

#[test]
fn platform_application_definition_follows_the_seed() {
    let def = load("platform-application");
    assert_eq!(def.attachment, "2.2");

    assert_eq!(by_label(&def, "平台上线时间").kind, FieldType::Date, "XX年XX月XX日");
    assert_eq!(by_label(&def, "登记注册时间").kind, FieldType::Date, "XX年XX月XX日");
    assert_eq!(by_label(&def, "统一社会信用代码").kind, FieldType::CreditCode);

    let org = by_label(&def, "单位性质");
    assert_eq!(org.kind, FieldType::Choice);
    assert_eq!(option_labels(org), ORG_TYPES);
    assert_eq!(detail_of(org, "其他"), Some("请注明"));

    let login = by_label(&def, "平台登录方式");
    assert_eq!(login.kind, FieldType::MultiChoice);
    assert_eq!(option_labels(login), LOGIN_METHODS);
    for app in ["微信小程序", "手机APP"] {
        assert!(detail_of(login, app).is_some_and(|d| d.contains("名称")), "{app}（名称） asks for the name");
    }

    let general = by_label(&def, "综合服务");
    let tech = by_label(&def, "技术服务");
    for (f, items) in [(general, GENERAL_SERVICES), (tech, TECH_SERVICES)] {
        assert_eq!(f.kind, FieldType::MultiChoice);
        assert_eq!(option_labels(f), items, "{} options", f.label);
        assert_eq!(detail_of(f, "其他"), Some("请注明"));
        // 备注：可选择综合服务、技术服务其中一项填写，也可两项都填写。
        assert!(!f.required, "{} may be left out when the other is filled", f.label);
    }
    assert!(
        def.rules.iter().any(|r| {
            let c = squash(&r.check);
            c.contains(&format!("filled({})", general.id)) && c.contains(&format!("filled({})", tech.id))
        }),
        "a rule asks for 综合服务 or 技术服务"
    );

    assert_thousand_char_limits(&def, 3);
    for id in ["system_overview", "capability_overview", "results_overview"] {
        assert_eq!(by_id(&def, id).max_chars, Some(1000), "{id}");
    }

    assert_money_signs(&def);
    assert!(by_label(&def, "利润总额/经营结余").negative);
    assert_yes_no(&def, &["是否制定服务发展规划", "是否制定年度服务计划", "是否制定服务管理制度"]);

    let agreements = by_label(&def, "汇集的服务机构、专家具体如下");
    assert_eq!(agreements.kind, FieldType::Table);
    column(agreements, "签订合作协议的单位（聘用的外部专家）");
    column(agreements, "合作内容");
    assert_eq!(column(agreements, "合作起止时间").kind, FieldType::YearMonthRange);

    // 线下服务拓展情况（填写至少10项2025年线下开展的活动）
    let activities = by_label(&def, "线下服务拓展情况");
    assert_eq!(activities.kind, FieldType::Table);
    assert_eq!(activities.min_rows, Some(10));
    column(activities, "服务活动名称和主要内容");
    let date = column(activities, "开展时间");
    assert_eq!(date.kind, FieldType::Period, "a day, a month or a range, as people write them");
    assert_eq!((bound(&date.min), bound(&date.max)), (Some("2025-01-01".into()), Some("2025-12-31".into())));
    let count = column(activities, "服务企业数量");
    assert_eq!(count.kind, FieldType::Integer);
    assert_eq!(count.unit.as_deref(), Some("家"));

    // 服务的中小企业名单及服务评价表（填写不少于30家企业信息）
    let served = by_label(&def, "服务的中小企业名单及服务评价表");
    assert_eq!(served.kind, FieldType::Table);
    assert_eq!(served.min_rows, Some(30));
    let cols: Vec<&str> = served.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(cols, ["服务中小企业名称", "联系人", "联系电话", "服务内容简述", "企业满意度"]);
    let satisfaction = column(served, "企业满意度");
    assert!(satisfaction.is_numeric(), "企业满意度 is a score");
    assert_eq!((bound(&satisfaction.min), bound(&satisfaction.max)), (Some("0".into()), Some("100".into())));
}

#[test]
fn base_application_definition_follows_the_seed() {
    let def = load("base-application");
    assert_eq!(def.attachment, "2.3");

    assert_eq!(by_label(&def, "开始运营时间").kind, FieldType::YearMonth, "XX年XX月");
    assert_eq!(by_label(&def, "统一社会信用代码").kind, FieldType::CreditCode);
    let org = by_label(&def, "单位性质");
    assert_eq!(option_labels(org), ORG_TYPES);
    assert_eq!(detail_of(org, "其他"), Some("请注明"));
    for l in ["基地占地面积", "基地建筑面积", "自有", "租用"] {
        assert_eq!(by_label(&def, l).kind, FieldType::Area, "{l} in 平方米");
    }

    // 基地主导产业¹: a 中类 of GB/T 4754-2017.
    let industry = by_label(&def, "基地主导产业");
    assert_eq!(industry.kind, FieldType::IndustryCode);
    assert_eq!(industry.footnote, Some(1));
    let list = industry.list.as_deref().unwrap_or_else(|| panic!("基地主导产业 names its code list"));
    assert!(repo_root().join("content/data").join(list).is_file(), "content/data/{list} exists");

    // Footnotes 1–4 and the fields that refer to them.
    assert_eq!(def.footnotes.iter().map(|n| n.number).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(by_label(&def, "2024年度高技术产业企业营业收入").footnote, Some(2));
    assert_eq!(by_label(&def, "省级以上创新平台数量（共计）").footnote, Some(3));
    assert_eq!(by_label(&def, "2024年度运营主体服务性收入").footnote, Some(4));

    assert_money_signs(&def);
    assert!(by_label(&def, "利润总额/经营结余").negative);
    assert_yes_no(
        &def,
        &[
            "运营主体是否建立考核激励制度",
            "是否建立运营管理服务制度",
            "人员是否具备运营经验",
            "是否实现品牌化连锁运营",
            "是否建立实施服务信息保密机制、网络与数据安全保障体系",
        ],
    );

    // The computed indicators of 三、四、六.
    let revenue_2024 = "2024年度入驻企业总营业收入";
    // The template gives no formula for these two: the applicant may choose the
    // basis (an aid), and the default is the form's own count and land area.
    assert_ratio(
        &def,
        "2024年度人均产出",
        &[revenue_2024],
        &["2024年度基地入驻企业人员总数量", "人均产出所用人数"],
        false,
    );
    assert_ratio(
        &def,
        "2024年度地均产出",
        &[revenue_2024, "地均产出的面积单位"],
        &["地均产出所用面积", "基地占地面积", "基地建筑面积"],
        false,
    );
    assert_ratio(
        &def,
        "近两年基地入驻企业总营业收入增速",
        &["2023年度入驻企业总营业收入", revenue_2024],
        &["2023年度入驻企业总营业收入"],
        true,
    );
    let growth = formula(by_label(&def, "近两年基地入驻企业总营业收入增速"));
    let (n, _, _) = ratio(&growth);
    assert!(
        matches!(n, Expr::Binary(BinOp::Sub, a, b)
            if labels_read(&def, a) == [revenue_2024] && labels_read(&def, b) == ["2023年度入驻企业总营业收入"]),
        "增速 = (2024 - 2023) / 2023: {n:?}"
    );
    assert_ratio(&def, "主导产业企业营业收入占比", &["2024年度主导产业企业营业收入"], &[revenue_2024], true);
    assert_ratio(&def, "高技术产业企业营业收入占比", &["2024年度高技术产业企业营业收入"], &[revenue_2024], true);
    // （服务收入/总收入）: 总收入 as entered, else 营业收入.
    assert_ratio(
        &def,
        "2024年度运营主体服务性收入占比",
        &["2024年度运营主体服务性收入"],
        &["2024年度运营主体总收入", "营业收入"],
        true,
    );

    // 入驻优质企业占比 = (冠军×20 + 小巨人×10 + 专精特新×2 + 高新技术 + 科技型 + 创新型) / 基地企业数量.
    let quality = by_label(&def, "入驻优质企业占比");
    let e = formula(quality);
    let (n, d, percent) = ratio(&e);
    assert!(percent, "入驻优质企业占比 is a percentage");
    assert_eq!(labels_read(&def, d), ["入驻中小企业数量（家）", "基地企业数量"], "基地企业数量, else 入驻中小企业数量");
    // Each enterprise under one title only: the de-duplicated counts when given, else the six as entered.
    let Expr::Call(expr::Func::If, parts) = n else {
        panic!("入驻优质企业占比: if(de-duplicated given, …, …): {n:?}")
    };
    let weights_of = |e: &Expr| {
        let mut w = BTreeMap::new();
        weights(&def, e, &mut w);
        w
    };
    let expected = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    assert_eq!(
        weights_of(&parts[2]),
        expected(&[
            ("制造业单项冠军企业数量", "20"),
            ("专精特新“小巨人”企业数量", "10"),
            ("专精特新中小企业数量", "2"),
            ("高新技术企业数量", "1"),
            ("科技型中小企业数量", "1"),
            ("创新型中小企业数量", "1"),
        ]),
        "weights of 入驻优质企业占比"
    );
    assert_eq!(
        weights_of(&parts[1]),
        expected(&[
            ("制造业单项冠军企业（不重复计）", "20"),
            ("专精特新“小巨人”企业（不含已计为单项冠军的）", "10"),
            ("专精特新中小企业（不含已计入以上两类的）", "2"),
            ("高新技术企业、科技型中小企业、创新型中小企业（不含已计入以上三类的，每家只计一次）", "1"),
        ]),
        "the same weights over the de-duplicated counts"
    );

    let brand = by_label(&def, "2025年基地开展的服务活动情况");
    assert_eq!(brand.kind, FieldType::Table);
    let cols: Vec<&str> = brand.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(cols, ["品牌服务活动名称", "开展活动数量（场）", "入驻企业参与数量（家）"]);
}

#[test]
fn creation_plan_definition_follows_the_seed() {
    let def = load("creation-plan");
    assert_eq!(def.attachment, "2.4");
    assert_eq!(
        def.stamps.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
        ["申请单位（运营主体）（盖章）", "推荐单位（盖章）"]
    );
    assert!(def.closing_note.as_deref().is_some_and(|n| n.starts_with("备注：《创建方案》")));

    // （二）已经形成的典型经验做法（…不少于3条）
    let practices = by_label(&def, "典型经验做法");
    assert_eq!(practices.kind, FieldType::Table);
    assert_eq!(practices.min_rows, Some(3));

    // The cover is the template's: no 创建对象类型 there, and 推荐时间 and
    // 推荐单位 are the recommending unit's to fill.
    let cover = def.sections.iter().find(|s| s.id == "cover").unwrap();
    let cover_labels: Vec<&str> = cover.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(cover_labels, ["平台（基地）名称", "申请单位（运营主体）名称", "推荐时间", "推荐单位"]);
    assert!(!by_label(&def, "推荐时间").required && !by_label(&def, "推荐单位").required);

    // 平台类 / 基地类 aids of 二（一） follow the type chosen there (an aid, never required).
    let plan_type = by_label(&def, "本方案的创建对象类型");
    assert!(plan_type.aid && !plan_type.required);
    assert_eq!(option_labels(plan_type), ["平台", "基地"]);
    let service_counts = by_label(&def, "分项服务中小企业数量");
    let category = column(service_counts, "服务类别");
    let listed: Vec<&str> = option_labels(category).into_iter().filter(|l| *l != "其他").collect();
    assert_eq!(listed, PLAN_SERVICE_CATEGORIES, "the categories the template lists, in its order");
    let whens: Vec<String> = def
        .sections
        .iter()
        .flat_map(|s| s.sections.iter())
        .flat_map(|s| s.sections.iter())
        .filter_map(|s| s.when.as_deref().map(squash))
        .collect();
    for o in &plan_type.options {
        let when = format!("{}==\"{}\"", plan_type.id, o.value);
        assert!(whens.contains(&when), "a part of 二（一） shown only for {}: {whens:?}", o.label);
    }
}

#[test]
fn only_profit_may_be_negative_in_any_form() {
    for form in ["summary-table", "platform-application", "base-application", "creation-plan"] {
        assert_money_signs(&load(form));
    }
}

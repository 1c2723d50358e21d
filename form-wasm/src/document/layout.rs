//! How each form's template in the seed lays its table out: which fields
//! share a row, which label spans a group of rows, and the cells whose
//! text is the template's own sentence with the answers in its blanks
//! (`管理人员{management_staff}人，服务人员{service_staff}人；…`).
//!
//! Only what the definitions cannot say is here; labels, units, evidence
//! notes and footnotes come from the definitions. Every literal text below
//! is the seed's (`tests/tests/seed_basis.rs` holds it to the seed), and
//! the builder prints any field the layout leaves out after the rest, so a
//! new field is never lost (`form-wasm/tests/document.rs` checks that the
//! real layouts leave none out).

use Row::{Across, Field, Group, Line, Section, Side, Table, Wide};

/// One row, or a run of rows, of a form's table.
#[derive(Debug, Clone, Copy)]
pub enum Row {
    /// The section's title across the table (`一、平台基本情况`), by section id.
    Section(&'static str),
    /// A field: its label beside its answer.
    Field(&'static str),
    /// Two or three fields side by side: label, answer, label, answer…
    Side(&'static [&'static str]),
    /// A label beside the template's words with answers in place of
    /// `{field id}`; `\n` starts a new line. In the label, `{^n}` is the
    /// mark of footnote n.
    Line(&'static str, &'static str),
    /// Rows beside a label that spans them all (`运营主体基本情况`).
    Group(&'static str, &'static [Row]),
    /// The template's words across the table (a 备注, the heading of a table).
    Wide(&'static str),
    /// A table field as a table of its own, its header repeated on every
    /// page; `numbered` when the template has a 序号 column; the columns'
    /// widths in percent (序号 first).
    Table { id: &'static str, numbered: bool, widths: &'static [u8] },
    /// One year's figures across (`年度 | 营业收入（万元）| 其中：…`), then
    /// the section's evidence note.
    Across { section: &'static str, year: &'static str, ids: &'static [&'static str] },
}

/// Where the template prints a field's bracketed note: beside the label
/// (`是否制定服务发展规划（请提供具体制度文件）`) or with the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Label,
    Answer,
}

/// A field's note as the template prints it, in place of its evidence note.
#[derive(Debug, Clone, Copy)]
pub struct Note {
    pub field: &'static str,
    pub place: Place,
    pub text: &'static str,
}

/// How a form prints.
#[derive(Debug, Clone, Copy)]
pub enum FormLayout {
    /// An application form's table (2.2, 2.3).
    Grid { rows: &'static [Row], notes: &'static [Note] },
    /// A recommending unit's summary table under its stamp line (2.1).
    Summary,
    /// A cover page (the section `cover`), then headings with the
    /// applicant's text (2.4); the template's examples under the section
    /// `examples_in` while its table is empty.
    Plan { cover: &'static str, examples_in: &'static str, examples: &'static [&'static str] },
}

/// The layout of a form, by its id; `None`: every field in its own row.
pub fn of(form: &str) -> Option<FormLayout> {
    match form {
        "platform-application" => Some(FormLayout::Grid { rows: PLATFORM, notes: PLATFORM_NOTES }),
        "base-application" => Some(FormLayout::Grid { rows: BASE, notes: BASE_NOTES }),
        "summary-table" => Some(FormLayout::Summary),
        "creation-plan" => Some(FormLayout::Plan { cover: "cover", examples_in: "tasks", examples: TASK_EXAMPLES }),
        _ => None,
    }
}

/// 附件2.2 创建申请表（平台类）.
const PLATFORM: &[Row] = &[
    Section("basic"),
    Side(&["platform_name", "platform_url"]),
    Field("launch_date"),
    Group(
        "运营主体基本情况",
        &[
            Side(&["operator_name", "legal_representative"]),
            Side(&["registration_date", "credit_code"]),
            Field("org_type"),
            Side(&["address", "postcode"]),
            Side(&["contact_name", "contact_title", "landline"]),
            Side(&["mobile", "fax", "email"]),
        ],
    ),
    Section("finance"),
    Across {
        section: "finance",
        year: "2024",
        ids: &["revenue_2024", "service_income_2024", "gov_income_2024", "assets_2024", "profit_2024", "tax_2024"],
    },
    Section("system"),
    Field("system_overview"),
    Field("databases"),
    Field("login_methods"),
    Line("系统建设经费及来源", "系统建设经费：{system_funding}万元，来源：{system_funding_source}"),
    Line(
        "技术运维经费及来源",
        "2024年技术运维经费：{maintenance_funding_2024}万元，来源：{maintenance_funding_source_2024}\n\
         2025年技术运维经费：{maintenance_funding_2025}万元，来源：{maintenance_funding_source_2025}",
    ),
    Line(
        "服务运营经费及来源",
        "2024年服务运营经费：{service_funding_2024}万元，来源：{service_funding_source_2024}\n\
         2025年服务运营经费：{service_funding_2025}万元，来源：{service_funding_source_2025}",
    ),
    Line(
        "管理人员及服务人员数量",
        "管理人员{management_staff}人，服务人员{service_staff}人；其中本科以上学历人员占比为{bachelor_share}%",
    ),
    Side(&["has_development_plan", "has_annual_plan"]),
    Field("has_management_rules"),
    Field("qualifications"),
    Section("capability"),
    Field("capability_overview"),
    Group(
        "平台服务功能",
        &[
            Line("综合服务", "服务内容：{general_services}\n服务栏目共{general_service_columns}个（请提供佐证材料）"),
            Line("技术服务", "服务内容：{tech_services}\n服务栏目共{tech_service_columns}个（请提供佐证材料）"),
            Wide("备注：可选择综合服务、技术服务其中一项填写，也可两项都填写。"),
        ],
    ),
    Line(
        "汇集服务资源情况",
        "汇集服务机构{provider_count}家、专家{expert_count}人，具体如下（填写具体机构名称、专家姓名或产品名称）\n\
         （请提供相关佐证材料，如：与服务机构的合作协议首页复印件或者与外部专家签署聘用协议或颁发聘用证书复印件等）",
    ),
    Table { id: "agreements", numbered: false, widths: &[38, 38, 24] },
    Field("interconnection"),
    Section("results"),
    Field("results_overview"),
    Line(
        "服务中小企业情况",
        "2024年度服务中小企业数量{served_2024}家（请提供相关佐证材料）\n预计2025年度服务中小企业数量{expected_served_2025}家",
    ),
    Line("服务覆盖面情况", "对下一级区域的服务覆盖面{coverage_share}%（请提供相关佐证材料）"),
    Wide(
        "线下服务拓展情况（填写至少10项2025年线下开展的活动）\n\
         （请提供平台开展相关服务的佐证材料，如：合同、通知、照片、总结等）",
    ),
    Table { id: "offline_activities", numbered: true, widths: &[7, 57, 22, 14] },
    Wide("服务的中小企业名单及服务评价表\n（填写不少于30家企业信息）"),
    Table { id: "served_enterprises", numbered: true, widths: &[6, 22, 10, 18, 32, 12] },
];

const PLATFORM_NOTES: &[Note] = &[
    Note {
        field: "registration_date", place: Place::Answer, text: "（与法人证书或营业执照上日期一致）"
    },
    Note {
        field: "system_overview",
        place: Place::Answer,
        text: "（重点介绍数字化智能化及数据库建设情况、系统运行便捷稳定情况、运营保障机制情况，1000字以内）",
    },
    Note {
        field: "databases", place: Place::Label, text: "（包括各类数据库内容概述、入库数量等。请提供佐证材料）"
    },
    Note {
        field: "capability_overview",
        place: Place::Answer,
        text: "（重点介绍服务功能情况、汇集服务资源情况以及互联互通情况，1000字以内）",
    },
    Note {
        field: "interconnection",
        place: Place::Answer,
        text: "（初步实现本区域互联互通，或已制定明确工作计划情况，请提供相关材料）",
    },
    Note {
        field: "results_overview",
        place: Place::Answer,
        text: "（重点介绍服务中小企业情况、覆盖面情况、服务满意度及线下服务拓展情况，1000字以内）",
    },
];

/// 附件2.3 创建申请表（基地类）.
const BASE: &[Row] = &[
    Section("basic"),
    Field("base_name"),
    Group(
        "建设运营主体基本情况",
        &[
            Side(&["operator_name", "legal_representative"]),
            Side(&["operation_start", "credit_code"]),
            Field("org_type"),
            Side(&["address", "postcode"]),
            Side(&["contact_name", "contact_title", "landline"]),
            Side(&["mobile", "fax", "email"]),
        ],
    ),
    Line(
        "基地面积",
        "基地占地面积{land_area}平方米；基地建筑面积{building_area}平方米；\n\
         自有{owned_area}平方米；租用{leased_area}平方米\n（请提供相关佐证材料）",
    ),
    Field("leading_industry"),
    Field("external_service_institutions"),
    Field("resident_smes"),
    Section("finance"),
    Across {
        section: "finance",
        year: "2024",
        ids: &["revenue_2024", "service_income_2024", "rd_expense_2024", "assets_2024", "profit_2024", "tax_2024"],
    },
    Section("industry_base"),
    Field("resident_revenue_2023"),
    Field("resident_revenue_2024"),
    Field("resident_staff_2024"),
    Field("output_per_person_2024"),
    Field("output_per_area_2024"),
    Line(
        "近两年基地入驻企业总营业收入增速",
        "(2024年度入驻企业营业收入-2023年度入驻企业营业收入)/2023年度入驻企业营业收入×100%={revenue_growth}%",
    ),
    Line(
        "主导产业企业营业收入占比",
        "2024年度主导产业企业营业收入{leading_industry_revenue_2024}万元/2024年度入驻企业总营业收入×100%={leading_industry_share}%",
    ),
    Line(
        "高技术产业企业{^2}营业收入占比",
        "2024年度高技术产业企业营业收入{high_tech_revenue_2024}万元/2024年度入驻企业总营业收入×100%={high_tech_share}%",
    ),
    Section("innovation"),
    Field("tech_smes"),
    Field("innovative_smes"),
    Field("specialised_smes"),
    Field("high_tech_enterprises"),
    Field("little_giants"),
    Field("champions"),
    Line(
        "入驻优质企业占比",
        "（制造业冠军企业*20+小巨人企业数量*10+专精特新中小企业数量*2+高新技术企业数量+科技型中小企业数量+创新型中小企业数量）/基地企业数量={quality_enterprise_share}%（同一企业多个称号的，只计算其中一个称号，不重复计算）",
    ),
    Line(
        "省级以上创新平台数量{^3}",
        "共计{platforms_total}家。其中，省级{platforms_provincial}家，国家级{platforms_national}家。（请提供佐证材料）",
    ),
    Field("rd_intensity_2024"),
    Field("patents_per_10m_revenue"),
    Line(
        "创业创新服务生态建设",
        "科技企业孵化器{incubators}个\n公共技术服务平台{public_tech_platforms}个\n\
         产业基金{industry_funds}个，并简述运行服务成效\n{ecosystem_results}",
    ),
    Wide("2025年基地开展的服务活动情况"),
    Table { id: "brand_activities", numbered: false, widths: &[50, 25, 25] },
    Section("facilities"),
    Field("it_infrastructure"),
    Field("supporting_facilities"),
    Section("operations"),
    Side(&["assessment_incentive_system", "management_service_system"]),
    Side(&["operation_staff", "staff_experience"]),
    Side(&["brand_chain_operation", "security_system"]),
    Field("operator_service_income_2024"),
    Line("2024年度运营主体服务性收入占比", "（服务收入/总收入）×100%={operator_service_income_share}%"),
];

const BASE_NOTES: &[Note] =
    &[Note { field: "supporting_facilities", place: Place::Answer, text: "（请举例说明）" }];

/// The 2.4 template's examples under 四、创建任务, printed on the blank plan.
const TASK_EXAMPLES: &[&str] = &[
    "平台类文本范例如下：",
    "创建任务1：完善中小企业库、法律政策库、服务机构库、服务产品案例库。",
    "创建任务2：开发中小企业政策精准服务“机器人”。",
    "基地类文本范例如下：",
    "创建任务1：梯度培育优质企业，构建促进专精特新中小企业发展壮大机制。",
    "创建任务2：搭建入驻中小企业与大企业对接平台，推动融入重点产业链供应链。",
];

/// The field ids a form's layout places (`None` without a layout, or for a
/// form that prints every field its own way): for the test that no field
/// of the real forms is left to the builder's fallback.
pub fn placed(form: &str) -> Option<Vec<String>> {
    fn rows(rs: &[Row], out: &mut Vec<String>) {
        for r in rs {
            match *r {
                Field(id) | Table { id, .. } => out.push(id.to_string()),
                Side(ids) | Across { ids, .. } => out.extend(ids.iter().map(|s| s.to_string())),
                Line(_, text) => {
                    let mut rest = text;
                    while let Some((_, after)) = rest.split_once('{') {
                        let Some((id, after)) = after.split_once('}') else { break };
                        out.push(id.to_string());
                        rest = after;
                    }
                }
                Group(_, inner) => rows(inner, out),
                Section(_) | Wide(_) => {}
            }
        }
    }
    match of(form)? {
        FormLayout::Grid { rows: rs, .. } => {
            let mut out = Vec::new();
            rows(rs, &mut out);
            Some(out)
        }
        _ => None,
    }
}

/// Every literal text of the layouts, placeholders removed (for the seed test).
pub fn literal_texts() -> Vec<String> {
    fn strip(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for line in s.split('\n') {
            let mut rest = line;
            while let Some(open) = rest.find('{') {
                out.push(rest[..open].to_string());
                rest = rest[open..].split_once('}').map_or("", |(_, r)| r);
            }
            out.push(rest.to_string());
        }
        out.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
    }
    fn rows(rs: &[Row], out: &mut Vec<String>) {
        for r in rs {
            match r {
                Line(label, text) => {
                    out.extend(strip(label));
                    out.extend(strip(text));
                }
                Group(label, inner) => {
                    out.extend(strip(label));
                    rows(inner, out);
                }
                Wide(text) => out.extend(strip(text)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for (rs, notes) in [(PLATFORM, PLATFORM_NOTES), (BASE, BASE_NOTES)] {
        rows(rs, &mut out);
        out.extend(notes.iter().map(|n| n.text.to_string()));
    }
    out.extend(TASK_EXAMPLES.iter().map(|s| s.to_string()));
    out
}

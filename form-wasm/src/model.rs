//! The form-definition language: what `content/forms/*.yaml` may say.
//!
//! A definition is data only. Ids are stable ASCII (`[a-z][a-z0-9_]*`):
//! they are the keys of the exported JSON, so once published they change
//! only with the form's `version`. Unknown keys are errors everywhere, so a
//! typo in a definition fails the build instead of being ignored.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    /// Stable id, also the page name: `base-application` → `forms/base-application.html`.
    pub id: String,
    /// Definition version; exports carry it, imports compare it.
    pub version: String,
    /// Attachment number in the notice: `2.3`.
    pub attachment: String,
    /// The title as printed on the official form.
    pub title: String,
    /// A second title line, e.g. `创建申请表（基地类）`.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Who fills it in and what it is for, shown above the form.
    #[serde(default)]
    pub intro: Option<String>,
    pub sections: Vec<Section>,
    /// Numbered notes printed at the foot of the form; fields refer to them by number.
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
    /// Cross-field rules.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Boxes for stamps and signatures printed on paper (the 2.1 table, the 2.4 cover).
    #[serde(default)]
    pub stamps: Vec<Stamp>,
    /// A closing note printed after the last section (the 2.4 template's 备注).
    #[serde(default)]
    pub closing_note: Option<String>,
    /// The field whose answer names the applicant in export file names.
    #[serde(default)]
    pub name_field: Option<String>,
    /// Which fields say who a submission is from, for the people who
    /// collect many (pairing a 2.4 with its 2.2/2.3, the province's report).
    #[serde(default)]
    pub identity: Identity,
}

/// Field ids naming who a submission is from. An applicant's form names
/// the creation object and its operator; the 2.1 names the recommending
/// unit and the table of recommended objects, whose columns the object
/// keys then name.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// 平台（基地）名称.
    #[serde(default)]
    pub object_name: Option<String>,
    /// 运营主体名称 (the applicant).
    #[serde(default)]
    pub operator_name: Option<String>,
    #[serde(default)]
    pub credit_code: Option<String>,
    /// `platform` or `base` when the form is for one type (2.2, 2.3).
    #[serde(default)]
    pub object_type: Option<String>,
    /// A choice (or column) whose answer is `platform` or `base` (2.1).
    #[serde(default)]
    pub object_type_field: Option<String>,
    /// The recommending unit's name and kind (2.1, the 2.4 cover).
    #[serde(default)]
    pub recommender: Option<String>,
    #[serde(default)]
    pub recommender_kind: Option<String>,
    /// The table of recommended objects (2.1).
    #[serde(default)]
    pub recommended: Option<String>,
    /// The date the unit recommends it (the 2.4 cover's 推荐时间).
    #[serde(default)]
    pub recommended_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    /// As printed: `一、基地基本情况`.
    pub title: String,
    /// The form's own guidance for the section, e.g. `（重点介绍…，1000字以内）`.
    #[serde(default)]
    pub guidance: Option<String>,
    /// What evidence to attach for the whole section (`请提供…`).
    #[serde(default)]
    pub evidence: Option<String>,
    /// Other notes printed with the section (e.g. `备注：可选择…`).
    #[serde(default)]
    pub note: Option<String>,
    /// Shown, checked and exported only while this expression holds, e.g.
    /// `plan_type == "platform"` for the platform-only parts of 2.4.
    #[serde(default)]
    pub when: Option<String>,
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// What is stamped or signed: `推荐单位（盖章）`.
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Several paragraphs; `max_chars` counts 字 (see `normalise::char_count`).
    Textarea,
    /// A whole number (people, enterprises, activities).
    Integer,
    /// A decimal number, shown with at least `places` decimals (default 2), and an optional `unit`.
    Decimal,
    /// 万元, shown with at least 2 decimals unless `places` says otherwise; negative only with `negative: true`.
    Money,
    /// A percentage (0–100 unless `min`/`max` say otherwise).
    Percent,
    /// 平方米.
    Area,
    /// A full date, 年月日.
    Date,
    /// 年月.
    YearMonth,
    /// From 年月 to 年月, or to 至今 (合作起止时间).
    YearMonthRange,
    /// A time as people write it: a day, a month, or a range of days or
    /// months (`2025年3月`, `2025年3月5日-6日`, `2025年3月至5月`), stored
    /// with the precision written (`2025-03-05 至 2025-03-06`). `min`/`max`
    /// are full dates that both ends must lie within (开展时间).
    Period,
    Url,
    Email,
    Mobile,
    Landline,
    Fax,
    /// A mobile or a landline number.
    Phone,
    Postcode,
    /// 统一社会信用代码, GB 32100-2015, with its check character.
    CreditCode,
    /// One of `options`.
    Choice,
    /// Any of `options`.
    MultiChoice,
    /// 是 / 否; `evidence` says what proves a 是.
    YesNo,
    /// Repeatable rows of `columns`, at least `min_rows`.
    Table,
    /// Worked out from `formula`; never typed.
    Computed,
    /// A 中类 of GB/T 4754-2017 from the `list` data file; other codes get a warning.
    IndustryCode,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    /// The label as printed on the form.
    pub label: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Whether "complete" needs an answer. Defaults to true; computed fields never are.
    #[serde(default = "yes")]
    pub required: bool,
    /// The seed's own words that state this field's limits (`min`, `max`,
    /// `max_chars`, `min_rows`), e.g. `1000字以内`. With them, an answer
    /// outside the limits is an error; without them the limits are the site's
    /// inference and only warn. Tests hold every basis to the seed's text.
    #[serde(default)]
    pub basis: Option<String>,
    /// A site aid, not a part of the official form: shown and checked on
    /// screen (marked as the site's), never printed on the official paper,
    /// never required.
    #[serde(default)]
    pub aid: bool,
    /// Guidance printed with the field (the form's bracketed notes, formats).
    #[serde(default)]
    pub help: Option<String>,
    /// What evidence to attach (`请提供…`).
    #[serde(default)]
    pub evidence: Option<String>,
    /// The number of a footnote of the form.
    #[serde(default)]
    pub footnote: Option<u32>,
    /// Unit shown beside the input; money, area and percent have their own.
    #[serde(default)]
    pub unit: Option<String>,
    /// Bounds for numbers, written as integers or strings (`100`, `"0.5"`);
    /// for dates and year-months, as `"2025-01-01"` or `"2025-01"`.
    #[serde(default)]
    pub min: Option<Number>,
    #[serde(default)]
    pub max: Option<Number>,
    /// Decimal places: computed fields are rounded to them (half away from
    /// zero); typed numbers take any number of decimals, kept exactly, and
    /// are padded to at least these.
    #[serde(default)]
    pub places: Option<u32>,
    /// Money may be negative (利润总额/经营结余).
    #[serde(default)]
    pub negative: bool,
    /// Character limit for text, in 字 as WPS and Word count them
    /// (`normalise::char_count`): Han characters and full-width punctuation
    /// one each, a Latin word or number one, spaces and line breaks none.
    #[serde(default)]
    pub max_chars: Option<u32>,
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    #[serde(default)]
    pub columns: Vec<Field>,
    #[serde(default)]
    pub min_rows: Option<u32>,
    /// Blank rows the empty form shows (the official template's count);
    /// defaults to `min_rows`, at least one.
    #[serde(default)]
    pub rows: Option<u32>,
    /// For computed fields: a choice field whose chosen option's `unit` is
    /// the figure's unit (the applicant's basis: per 平方米 or per 亩).
    #[serde(default)]
    pub unit_from: Option<String>,
    /// For computed fields: the expression, and how the form words it.
    #[serde(default)]
    pub formula: Option<String>,
    #[serde(default)]
    pub formula_text: Option<String>,
    /// For industry codes: the data file in `content/data/`.
    #[serde(default)]
    pub list: Option<String>,
}

fn yes() -> bool {
    true
}

/// A bound kept as written (`100`, `"0.5"`, `"2025-01-01"`), parsed exactly
/// when used. Unquoted decimals are refused: YAML would read them as binary
/// floating point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number(pub String);

impl Number {
    pub fn as_text(&self) -> String {
        self.0.clone()
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Number;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an integer, or a decimal or date in quotes")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
        }
        // As text in the bundle a page embeds (postcard is not self-describing).
        if d.is_human_readable() {
            d.deserialize_any(Visitor)
        } else {
            d.deserialize_str(Visitor)
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Stable id of the option, stored in the export.
    pub value: String,
    pub label: String,
    /// When set, choosing the option needs text too, with this label
    /// (`其他，请注明`, `小程序名称`).
    #[serde(default)]
    pub detail: Option<String>,
    /// The unit a computed figure takes when this option is chosen (see
    /// `Field::unit_from`): `万元/亩`.
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks "complete".
    #[default]
    Error,
    /// A plausibility check the applicant may confirm.
    Warning,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// Must hold; when it cannot be evaluated (inputs missing) it is not reported.
    pub check: String,
    /// The rule applies only when this holds.
    #[serde(default)]
    pub when: Option<String>,
    /// Said to the applicant, in Chinese, beside each field in `fields`.
    pub message: String,
    #[serde(default)]
    pub severity: Severity,
    /// The seed's own words that state this rule. A rule without them is the
    /// site's inference and may only warn (checked when the form is loaded).
    #[serde(default)]
    pub basis: Option<String>,
    /// Where the message is shown; defaults to the fields `check` refers to.
    #[serde(default)]
    pub fields: Vec<String>,
}

impl FormDef {
    /// Every field, depth first in page order, with the section it is in.
    pub fn fields(&self) -> Vec<(&Section, &Field)> {
        fn walk<'a>(s: &'a Section, out: &mut Vec<(&'a Section, &'a Field)>) {
            for f in &s.fields {
                out.push((s, f));
            }
            for sub in &s.sections {
                walk(sub, out);
            }
        }
        let mut out = Vec::new();
        for s in &self.sections {
            walk(s, &mut out);
        }
        out
    }

    /// The field (at any depth, not a table column) with this id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().into_iter().map(|(_, f)| f).find(|f| f.id == id)
    }
}

impl Field {
    /// The option `given` names, by its value or its label, spaces around
    /// it ignored (`民营企业`, ` private ` and `private` are one option).
    pub fn option(&self, given: &str) -> Option<&ChoiceOption> {
        let given = given.trim();
        self.options.iter().find(|o| o.value == given || o.label == given)
    }

    /// Decimal places a number of this field is written with.
    pub fn decimal_places(&self) -> u32 {
        self.places.unwrap_or(match self.kind {
            FieldType::Money | FieldType::Percent | FieldType::Area | FieldType::Computed | FieldType::Decimal => 2,
            _ => 0,
        })
    }

    /// The unit shown beside the field.
    pub fn unit_text(&self) -> Option<&str> {
        self.unit.as_deref().or(match self.kind {
            FieldType::Money => Some("万元"),
            FieldType::Percent => Some("%"),
            FieldType::Area => Some("平方米"),
            _ => None,
        })
    }

    /// For a computed field, how its result is rounded (`evaluate` rounds
    /// half away from zero to its places): `计算结果四舍五入保留两位小数`.
    /// Typed figures are never rounded: `None`.
    pub fn rounding_text(&self) -> Option<String> {
        const DIGITS: [&str; 10] = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九"];
        if self.kind != FieldType::Computed {
            return None;
        }
        Some(match self.decimal_places() {
            0 => "计算结果四舍五入取整".to_string(),
            n => {
                let n = DIGITS.get(n as usize).map_or_else(|| n.to_string(), |d| d.to_string());
                format!("计算结果四舍五入保留{n}位小数")
            }
        })
    }

    pub fn is_numeric(&self) -> bool {
        matches!(
            self.kind,
            FieldType::Integer
                | FieldType::Decimal
                | FieldType::Money
                | FieldType::Percent
                | FieldType::Area
                | FieldType::Computed
        )
    }
}

/// A list of codes for `industry_code` fields: `content/data/*.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndustryList {
    /// Where the list comes from.
    pub source: String,
    /// How complete it is.
    pub completeness: String,
    pub edition: String,
    pub groups: Vec<IndustryGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IndustryGroup {
    pub code: String,
    pub name: String,
    pub division: String,
    pub division_name: String,
    pub section: String,
    pub section_name: String,
}

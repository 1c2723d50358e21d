//! A broken form definition fails the build with the file, the path inside
//! the YAML, the line, and the reason.

use tests::SiteTest;

/// A small valid form; each test breaks one thing in it.
const FORM: &str = r#"id: demo
version: "1"
attachment: "9.9"
title: 测试表
sections:
  - id: money
    title: 一、收支
    fields:
      - id: revenue
        label: 营业收入
        type: money
      - id: service_income
        label: 服务收入
        type: money
      - id: name
        label: 名称
        type: text
      - id: kind
        label: 类型
        type: choice
        options:
          - { value: platform, label: 平台 }
          - { value: base, label: 基地 }
      - id: share
        label: 服务收入占比
        type: computed
        unit: "%"
        formula: service_income / revenue * 100
rules:
  - id: within
    check: service_income <= revenue
    message: 服务收入不应大于营业收入
    severity: warning
"#;

fn form_site(yaml: &str) -> SiteTest {
    SiteTest::new().file("forms/demo.yaml", yaml)
}

#[test]
fn the_demo_form_is_valid() {
    let site = form_site(FORM);
    site.build();
    assert!(site.read("forms/demo.html").contains("服务收入占比"));
    assert!(site.read("forms/demo.schema.json").contains("\"const\": \"demo\""));
}

#[test]
fn unknown_field_in_a_formula() {
    form_site(&FORM.replace("service_income / revenue", "service_income / turnover")).expect_error(
        "<site>/content/forms/demo.yaml:24:1: sections.money.fields.share.formula: in `service_income / turnover * 100`: unknown field `turnover`",
    );
}

#[test]
fn a_rule_that_refuses_needs_the_seeds_words() {
    form_site(&FORM.replace("    severity: warning\n", "    severity: error\n")).expect_error(
        "<site>/content/forms/demo.yaml:30:1: rules.within: a rule that refuses an answer needs `basis:` (the seed's words that state it); what the site infers may only warn (`severity: warning`)",
    );
    form_site(&FORM.replace("    severity: warning\n", "    severity: error\n    basis: 服务收入不应大于营业收入\n"))
        .build();
}

#[test]
fn a_character_limit_needs_the_seeds_words() {
    let yaml = FORM.replace(
        "        label: 名称\n        type: text\n",
        "        label: 名称\n        type: text\n        max_chars: 20\n",
    );
    form_site(&yaml).expect_error(
        "<site>/content/forms/demo.yaml:15:1: sections.money.fields.name: `max_chars` and `min_rows` above 1 refuse answers: give `basis:` with the seed's words that set them",
    );
}

#[test]
fn a_site_aid_is_never_required() {
    let yaml = FORM.replace(
        "        label: 名称\n        type: text\n",
        "        label: 名称\n        type: text\n        aid: true\n",
    );
    form_site(&yaml).expect_error(
        "<site>/content/forms/demo.yaml:15:1: sections.money.fields.name: a site aid (`aid: true`) is not part of the official form: add `required: false`",
    );
}

#[test]
fn a_unit_follows_only_a_choice_whose_options_have_units() {
    let yaml = FORM.replace("        unit: \"%\"\n", "        unit: \"%\"\n        unit_from: kind\n");
    form_site(&yaml).expect_error(
        "<site>/content/forms/demo.yaml:24:1: sections.money.fields.share: `unit_from: kind` must name a choice field whose every option has a `unit`",
    );
}

#[test]
fn unknown_field_in_a_rule() {
    form_site(&FORM.replace("check: service_income <= revenue", "check: service_income <= revenu")).expect_error(
        "<site>/content/forms/demo.yaml:30:1: rules.within.check: in `service_income <= revenu`: unknown field `revenu`",
    );
}

#[test]
fn duplicate_field_id() {
    form_site(&FORM.replace("id: name", "id: revenue")).expect_error(
        "<site>/content/forms/demo.yaml:15:1: sections.money.fields.revenue: duplicate field id `revenue` (first at sections.money.fields.revenue)",
    );
}

#[test]
fn cycle_among_computed_fields() {
    let yaml = FORM.replace(
        "rules:",
        "      - id: a\n        label: A\n        type: computed\n        formula: b + 1\n      - id: b\n        label: B\n        type: computed\n        formula: a * 2\nrules:",
    );
    form_site(&yaml).expect_error(
        "<site>/content/forms/demo.yaml:29:1: fields.a.formula: computed fields depend on each other in a circle: a → b → a",
    );
}

#[test]
fn text_in_arithmetic_is_a_type_mismatch() {
    form_site(&FORM.replace("service_income / revenue * 100", "name / revenue * 100")).expect_error(
        "<site>/content/forms/demo.yaml:24:1: sections.money.fields.share.formula: in `name / revenue * 100`: arithmetic needs a number, but `name` is text",
    );
}

#[test]
fn unknown_field_type() {
    let errors = form_site(&FORM.replace("type: text", "type: txt")).errors();
    assert!(
        errors.starts_with(
            "<site>/content/forms/demo.yaml:17:15: sections[0].fields[2].type: unknown variant `txt`, expected one of"
        ),
        "{errors}"
    );
}

#[test]
fn unknown_option_in_a_condition() {
    let yaml = FORM.replace(
        "    message: 服务收入不应大于营业收入",
        "    when: kind == \"plaform\"\n    message: 服务收入不应大于营业收入",
    );
    form_site(&yaml).expect_error(
        "<site>/content/forms/demo.yaml:30:1: rules.within.when: in `kind == \"plaform\"`: \"plaform\" is not an option of `kind`",
    );
}

#[test]
fn unknown_key_in_a_definition() {
    let errors =
        form_site(&FORM.replace("        label: 名称\n", "        label: 名称\n        lable: 名称\n")).errors();
    assert!(
        errors.starts_with("<site>/content/forms/demo.yaml:17:9: sections[0].fields[2]: unknown field `lable`"),
        "{errors}"
    );
}

#[test]
fn formula_that_does_not_parse() {
    form_site(&FORM.replace("service_income / revenue * 100", "(service_income / revenue * 100")).expect_error(
        "<site>/content/forms/demo.yaml:24:1: sections.money.fields.share.formula: cannot read `(service_income / revenue * 100`: missing `)` (at character 32)",
    );
}

#[test]
fn rule_that_is_not_a_condition() {
    form_site(&FORM.replace("check: service_income <= revenue", "check: service_income + revenue")).expect_error(
        "<site>/content/forms/demo.yaml:30:1: rules.within.check: `service_income + revenue` gives a number, but a condition must be true or false",
    );
}

#[test]
fn form_id_must_match_its_file_name() {
    SiteTest::new().file("forms/other.yaml", FORM).expect_error(
        "<site>/content/forms/other.yaml:1:1: form id `demo` must match the file name `other.yaml`, so links and exports agree",
    );
}

#[test]
fn missing_industry_list() {
    let yaml = FORM.replace(
        "rules:",
        "      - id: industry\n        label: 主导产业\n        type: industry_code\n        list: nowhere.yaml\nrules:",
    );
    let errors = form_site(&yaml).errors();
    assert!(
        errors.starts_with("<site>/content/data/nowhere.yaml: cannot read the list named by field `industry`:"),
        "{errors}"
    );
}

#[test]
fn markdown_links_to_a_form_by_its_yaml_file() {
    let site = form_site(FORM).file("guide.md", "---\ntitle: 指南\n---\n\n[在线填写](forms/demo.yaml)\n");
    site.build();
    assert!(site.read("guide.html").contains(r#"href="forms/demo.html""#));
}

#[test]
fn markup_in_a_label_cannot_break_out_of_the_embedded_definition() {
    let t = form_site(&FORM.replace("        label: 名称\n", "        label: \"名称<!--<script></script>\"\n"));
    t.build();
    let html = t.read("forms/demo.html");
    let start = html.find(r#"<script type="application/octet-stream""#).unwrap();
    let bundle = &html[start..start + html[start..].find("</script>").unwrap()];
    let embedded = &bundle[bundle.find('>').unwrap() + 1..];
    assert!(!embedded.contains(['<', '>']), "{embedded}");
    let read = form_wasm::bundle::Bundle::from_embedded(embedded).unwrap();
    assert!(
        read.form.fields().iter().any(|(_, f)| f.label == "名称<!--<script></script>"),
        "the label reads back as written"
    );
}

/// The demo form with an industry-code field whose list is `list`.
fn with_list(list: &str) -> String {
    FORM.replace(
        "rules:",
        &format!(
            "      - id: industry\n        label: 主导产业\n        type: industry_code\n        list: {list}\nrules:"
        ),
    )
}

const LIST: &str = "source: 来源 SECRET-TOKEN-1\ncompleteness: 全部\nedition: GB/T 4754-2017\ngroups: []\n";

#[test]
fn a_list_outside_the_content_folder_is_refused_where_it_is_named() {
    // With a data/ folder, as a real site has, `data/../../` resolves.
    let site = form_site(&with_list("../../outside.yaml")).file("data/codes.yaml", LIST).outside("outside.yaml", LIST);
    site.expect_error(
        "<site>/content/forms/demo.yaml:32:15: field `industry`: `list: ../../outside.yaml` must name a .yaml file in the content folder's data/ (like `codes.yaml` or `industry/codes.yaml`); nothing outside it is read",
    );
}

#[test]
fn a_list_that_is_not_a_yaml_file_is_refused_unread() {
    for list in ["../../token.txt", "/etc/passwd", "codes.txt"] {
        let site = form_site(&with_list(list)).outside("token.txt", "ghp_SECRET-TOKEN-2\n").file("data/codes.txt", "x");
        let site = site.file("data/codes.yaml", LIST);
        let errors = site.errors();
        assert!(errors.contains(&format!("field `industry`: `list: {list}` must name a .yaml file")), "{errors}");
        assert!(!errors.contains("SECRET") && !errors.contains("root:"), "never echoes the file: {errors}");
    }
}

#[test]
fn a_list_in_a_folder_of_data_is_read() {
    let site = form_site(&with_list("gbt/codes.yaml")).file("data/gbt/codes.yaml", LIST);
    site.build();
}

#[test]
fn a_formula_of_ten_thousand_terms_is_refused_at_its_line_not_a_crash() {
    let long = vec!["revenue"; 10_000].join(" + ");
    let errors = form_site(&FORM.replace("service_income / revenue * 100", &long)).errors();
    assert_eq!(
        errors,
        format!(
            "<site>/content/forms/demo.yaml:24:1: sections.money.fields.share.formula: cannot read `{}…`: expression is too long: 19999 tokens (numbers, names, operators, brackets), at most 256; split it into computed fields (at character 1281)",
            &long[..80]
        )
    );
}

#[test]
fn a_long_but_realistic_formula_passes() {
    // A hundred terms: far more than any formula of the notice's forms.
    let terms = ["service_income", "revenue"].repeat(50).join(" + ");
    let formula = format!("({terms}) / if(kind == \"base\", revenue, service_income) * 100");
    form_site(&FORM.replace("service_income / revenue * 100", &formula)).build();
}

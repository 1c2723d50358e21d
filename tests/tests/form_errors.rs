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

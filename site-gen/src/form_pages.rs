//! The pages and files a form adds to the site: the form page, its
//! data-format page, and the JSON Schema of its export.

use crate::content::Page;
use crate::form_view::form_view;
use crate::forms::LoadedForm;
use crate::frontmatter::FrontMatter;
use crate::output::OutputFile;
use crate::pages::Generated;

/// The synthetic pages (rendered by the theme with `Generated` contexts) and the schema file.
pub fn pages(form: &LoadedForm) -> (Vec<Page>, Vec<(String, Generated)>, Vec<OutputFile>) {
    let def = &form.def;
    let view = form_view(form);
    let full_title = format!("{}{}", def.title, def.subtitle.as_deref().unwrap_or(""));
    let synthetic = |output: String, section: &str, title: String, description: String| Page {
        source: form.source.clone(),
        output,
        section: section.to_string(),
        describes: None,
        front: FrontMatter { title, description: Some(description), order: None, template: None, toc: Some(false) },
        text: String::new(),
        body_offset: 0,
    };
    let form_page = synthetic(
        form.output.clone(),
        "forms",
        full_title.clone(),
        format!("附件{}：在线填写、自动检查与计算，可保存草稿和数据文件（.json），打印后报送纸质版。", def.attachment),
    );
    let format_output = form.output.replace(".html", ".format.html");
    let format_page = synthetic(
        format_output.clone(),
        "forms/formats",
        format!("{full_title}：数据文件格式说明"),
        "供技术人员：表单页保存的数据文件（.json）中每一项的键名、类型和单位。".to_string(),
    );
    let mut context = tera::Context::new();
    context.insert("form", &view);
    let generated = vec![
        (form.output.clone(), Generated { template: "form.html".into(), context: context.clone() }),
        (format_output, Generated { template: "form-format.html".into(), context }),
    ];
    let schema = OutputFile::Bytes {
        path: form.output.replace(".html", ".schema.json"),
        bytes: form_wasm::schema::json_schema(def).into_bytes(),
    };
    (vec![form_page, format_page], generated, vec![schema])
}

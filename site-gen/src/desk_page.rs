//! The 推荐单位 page: where a recommending unit drops the applicants' files,
//! sees them checked and paired, chooses within its quota and gets the 2.1,
//! the covers and a manifest. Its module (`unit-desk.js`, form-review) runs
//! the same engine as the form pages, on the four forms' bundles carried in
//! the page; nothing leaves the machine.

use crate::content::Page;
use crate::form_view::script_safe;
use crate::forms::LoadedForm;
use crate::frontmatter::FrontMatter;
use crate::pages::Generated;

pub const OUTPUT: &str = "forms/recommend.html";

/// The page, when the site has the 2.1 it produces.
pub fn page(forms: &[LoadedForm]) -> Option<(Page, (String, Generated))> {
    let summary = forms.iter().find(|f| f.def.identity.recommended.is_some())?;
    let bundles: Vec<_> = forms.iter().map(LoadedForm::bundle).collect();
    let bundles =
        script_safe(&serde_json::to_string(&bundles).expect("bundles serialise: their maps have string keys"));
    let page = Page {
        source: summary.source.clone(),
        output: OUTPUT.into(),
        section: "forms".into(),
        describes: None,
        front: FrontMatter {
            title: "推荐单位工作台".into(),
            description: Some(
                "供推荐单位使用：汇总申报单位的数据文件，逐一检查、配对，按名额勾选推荐对象，生成汇总表（附件2.1）和创建方案封面。".into(),
            ),
            order: None,
            template: None,
            toc: Some(false),
        },
        text: String::new(),
        body_offset: 0,
    };
    let mut context = tera::Context::new();
    context
        .insert("desk", &serde_json::json!({ "bundles_json": bundles, "summary_attachment": summary.def.attachment }));
    Some((page, (OUTPUT.into(), Generated { template: "desk.html".into(), context })))
}

//! The report as a spreadsheet (rust_xlsxwriter) and as CSV (the csv crate):
//! the same rows, each table once here.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::Report;

/// A sheet: its name, header and rows of text.
pub struct Table {
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

/// The three sheets: 申报对象, 推荐单位, 问题.
pub fn tables(r: &Report) -> [Table; 3] {
    let mut header: Vec<String> = [
        "推荐单位",
        "类型",
        "平台（基地）名称",
        "运营主体名称",
        "统一社会信用代码",
        "创建申请表",
        "申请表填写完整",
        "申请表错误数",
        "申请表提示数",
        "创建方案",
        "创建方案填写完整",
        "说明",
    ]
    .map(String::from)
    .to_vec();
    header.extend(r.metric_labels.iter().cloned());
    header.extend(["申请表数据校验码", "创建方案数据校验码", "申请表文件", "创建方案文件"].map(String::from));
    let applicants = r
        .applicants
        .iter()
        .map(|a| {
            let app = a.application.as_ref();
            let plan = a.plan.as_ref();
            let mut row = vec![
                a.unit.clone(),
                a.object_type.clone(),
                a.object_name.clone(),
                a.operator_name.clone(),
                a.credit_code.clone(),
                app.map_or("无".into(), |f| f.attachment.clone()),
                app.map_or(String::new(), |f| yes_no(f.complete)),
                app.map_or(String::new(), |f| f.errors.to_string()),
                app.map_or(String::new(), |f| f.warnings.to_string()),
                plan.map_or("无".into(), |f| f.attachment.clone()),
                plan.map_or(String::new(), |f| yes_no(f.complete)),
                a.notes.join("；"),
            ];
            row.extend(r.metric_labels.iter().map(|l| a.metrics.get(l).cloned().unwrap_or_default()));
            row.extend([
                app.map_or(String::new(), |f| f.checksum.clone()),
                plan.map_or(String::new(), |f| f.checksum.clone()),
                app.map_or(String::new(), |f| f.file.clone()),
                plan.map_or(String::new(), |f| f.file.clone()),
            ]);
            row
        })
        .collect();
    let units = r
        .units
        .iter()
        .map(|u| {
            vec![
                u.name.clone(),
                u.kind.clone(),
                u.recommended.to_string(),
                u.quota.clone(),
                yes_no(u.filed.complete),
                u.filed.checksum.clone(),
                u.filed.file.clone(),
            ]
        })
        .collect();
    let mut problems: Vec<Vec<String>> =
        r.unreadable.iter().map(|(f, why)| vec![f.clone(), "文件".into(), "无法读取".into(), why.clone()]).collect();
    problems
        .extend(r.problems.iter().map(|p| vec![p.file.clone(), p.item.clone(), p.severity.into(), p.message.clone()]));
    [
        Table { name: "申报对象", header, rows: applicants },
        Table {
            name: "推荐单位",
            header: ["推荐单位", "单位类型", "推荐数量", "名额情况", "汇总表填写完整", "数据校验码", "文件"]
                .map(String::from)
                .to_vec(),
            rows: units,
        },
        Table {
            name: "问题", header: ["文件", "项目", "类别", "说明"].map(String::from).to_vec(), rows: problems
        },
    ]
}

pub fn write_xlsx(r: &Report, path: &Path) -> Result<(), String> {
    let fail = |e: XlsxError| format!("{}: cannot write the spreadsheet: {e}", path.display());
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables(r) {
        let sheet = book.add_worksheet();
        sheet.set_name(t.name).map_err(fail)?;
        for (c, h) in t.header.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &bold).map_err(fail)?;
        }
        for (i, row) in t.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(i as u32 + 1, c as u16, v).map_err(fail)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        sheet.autofit();
    }
    book.save(path).map_err(fail)
}

/// The 申报对象 sheet as CSV, UTF-8 with a BOM so that Excel in Chinese reads it right.
pub fn write_csv(r: &Report, path: &Path) -> Result<(), String> {
    let fail = |e: csv::Error| format!("{}: cannot write the CSV: {e}", path.display());
    let [applicants, _, _] = tables(r);
    let file = std::fs::File::create(path).map_err(|e| format!("{}: cannot write the CSV: {e}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    std::io::Write::write_all(&mut out, "\u{feff}".as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&applicants.header).map_err(fail)?;
    for row in &applicants.rows {
        w.write_record(row).map_err(fail)?;
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))
}

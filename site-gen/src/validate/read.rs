//! Reading a submitted file: a regular file no larger than the form page
//! imports, as UTF-8; then `form_review::submission` reads its text.

use std::io::Read;
use std::path::Path;

use form_review::submission::{parse, Submission};
use form_wasm::api::Engine;
use form_wasm::export::{megabytes, MAX_IMPORT_BYTES};

use super::terminal::escape;

/// Reads one submitted file (an export, or a bare object of answers) and
/// finds its form; the error says why it cannot be used.
pub fn read_submission<'a>(engines: &'a [Engine], file: &Path) -> Result<Submission<'a>, String> {
    let text = read_text(file)?;
    // Names from the file reach the terminal only escaped.
    parse(engines, &text).map_err(|e| escape(&e.to_string()).into_owned())
}

/// The file's text, read only from a regular file (a pipe would wait for
/// ever, `/dev/zero` never end) and never more than the page's import limit,
/// however large the file says it is or grows while being read.
fn read_text(file: &Path) -> Result<String, String> {
    let size = match std::fs::metadata(file) {
        Ok(m) if m.is_file() => m.len(),
        Ok(_) => return Err("不是普通文件（是文件夹、管道或设备），未读取".into()),
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    let limit = MAX_IMPORT_BYTES as u64;
    let too_large = |size: u64| {
        format!(
            "文件过大（{} MB，上限 {} MB，与表单页面导入相同），不是本站表单保存的数据文件",
            megabytes(size),
            megabytes(limit)
        )
    };
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes)
        .map_err(|e| format!("is not UTF-8 text (byte {} is not)", e.utf8_error().valid_up_to() + 1))
}

//! Driving Debian's headless Chromium with the flags this network needs.

use std::path::Path;
use std::process::Command;

pub fn binary() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

/// The DOM after scripts ran, for a page at `url` (`file://…` or `http://…`).
pub fn dump_dom(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(binary())
        .args(flags(profile.path()))
        .arg("--virtual-time-budget=2000")
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap_or_else(|e| panic!("cannot start {} ({e}); .ci/run installs Debian's chromium", binary()));
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The flags the node browser tests launch Chromium with too
/// (`tests/e2e/harness.mjs`), one a line, `#` comments skipped.
const SHARED_FLAGS: &str = include_str!("../chromium-flags.txt");

fn flags(profile: &Path) -> Vec<String> {
    let shared = SHARED_FLAGS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
    ["--headless"]
        .into_iter()
        .chain(shared)
        .chain(["--hide-scrollbars"])
        .map(|s| s.to_string())
        .chain([format!("--user-data-dir={}", profile.display())])
        .collect()
}

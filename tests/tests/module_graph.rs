//! No import cycles between the modules of either crate: a helper lives with
//! its data, not in the module of its first caller, so a module can be read
//! (and changed) knowing only what it uses.
//!
//! Each source file is a module. An edge is a path that names another module
//! of the same crate: `crate::x…`, `super::x…` (from a child, the sibling `x`,
//! or the parent's own items for `super::item`), or, in a folder's `mod.rs`,
//! `child::…`. Declaring a child (`mod child;`) is containment, not use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `src/page/dom.rs` → `page::dom`; `src/page/mod.rs` → `page`; `src/lib.rs` → ``.
fn module_name(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("file is under src");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts.join("::")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source without comments, string literals or inline `mod tests { … }`
/// (whose `super::` means the file itself).
fn code_only(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        if line.trim_start().starts_with("mod tests") {
            break;
        }
        let mut in_str = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                out.push(c);
            }
            prev = c;
        }
        out.push('\n');
    }
    out
}

/// `a::b::C` at the start of `s`, as its segments.
fn path_at(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        out.push(&rest[..end]);
        match rest[end..].strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

/// Every path after `prefix::` (`prefix::{a, b::c}` gives `a` and `b::c`).
fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    let needle = format!("{prefix}::");
    let mut out = Vec::new();
    for (i, _) in code.match_indices(&needle) {
        let before = code[..i].chars().next_back().unwrap_or(' ');
        if before.is_alphanumeric() || before == '_' || before == ':' {
            continue;
        }
        let rest = &code[i + needle.len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                out.extend(group.split(',').map(|p| path_at(p.trim())).filter(|p| !p.is_empty()));
            }
            None => out.push(path_at(rest)),
        }
    }
    out
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}::{b}")
    }
}

/// The deepest module that `base::path…` names (`base` itself for an item of it).
fn resolve(modules: &BTreeSet<String>, base: &str, path: &[&str]) -> String {
    let mut best = base.to_string();
    let mut at = base.to_string();
    for seg in path {
        at = join(&at, seg);
        if modules.contains(&at) {
            best = at.clone();
        } else {
            break;
        }
    }
    best
}

fn graph(crate_dir: &str) -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(crate_dir).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_name(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let me = module_name(&src, file);
        let code = code_only(&std::fs::read_to_string(file).expect("readable source"));
        let parent = me.rsplit_once("::").map_or("", |(p, _)| p).to_string();
        let mut targets = BTreeSet::new();
        for path in paths_after(&code, "crate") {
            targets.insert(resolve(&modules, "", &path));
        }
        for path in paths_after(&code, "super") {
            targets.insert(resolve(&modules, &parent, &path));
        }
        // In a folder's own file, paths that start with a child's name.
        let children = modules.iter().filter(|m| m.rsplit_once("::").map_or("", |(p, _)| p) == me && **m != me);
        for child in children {
            let name = child.rsplit("::").next().unwrap_or(child);
            if !paths_after(&code, name).is_empty() {
                targets.insert(child.clone());
            }
        }
        targets.retain(|t| t != &me);
        edges.insert(me, targets);
    }
    edges
}

/// A cycle through `start`, if any, as a path of module names.
fn cycle_from(edges: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in edges.get(&node).into_iter().flatten() {
            if next == start {
                let mut p = path.clone();
                p.push(start.to_string());
                return Some(p);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

fn assert_acyclic(crate_dir: &str) {
    let edges = graph(crate_dir);
    let cycles: Vec<String> = edges
        .keys()
        .filter_map(|m| cycle_from(&edges, m))
        .map(|c| c.iter().map(|m| if m.is_empty() { "<crate root>" } else { m }).collect::<Vec<_>>().join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles in {crate_dir}:\n{}", cycles.join("\n"));
}

#[test]
fn form_wasm_modules_have_no_import_cycles() {
    assert_acyclic("form-wasm");
}

#[test]
fn site_gen_modules_have_no_import_cycles() {
    assert_acyclic("site-gen");
}

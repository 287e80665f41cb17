//! The shape of the code, checked on every test run (issue 10): the stages of the pipeline import
//! only the stages before them, in the order `src/lib.rs` declares them; `main.rs` goes through
//! `commands` alone. A `use crate::…`, a `crate::…` path inside code, or a `super::` reaching out of
//! a stage all count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The stages in order, as `src/lib.rs` declares them (`pub mod x;` lines).
fn stages() -> Vec<String> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';').trim().to_string())
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file: `src/evidence/pdfsig.rs` → ["evidence", "pdfsig"];
/// `src/evidence/mod.rs` → ["evidence"]. Files included with `#[path]` count as their folder's.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

/// Code without comments and string literals (a path in a doc comment or a message is not an
/// import).
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'r'
            && (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            // raw string r"…" / r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(b[i] as char);
                i += 1;
                continue;
            }
            j += 1;
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            i = j + close.len();
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            out.push_str("' '");
            i += 3;
        } else {
            let ch_len = text[i..].chars().next().map(char::len_utf8).unwrap_or(1);
            out.push_str(&text[i..i + ch_len]);
            i += ch_len;
        }
    }
    out
}

/// The top-level modules a file refers to: `crate::x`, `crate::{x, y}`, and `super::` chains that
/// climb to the crate root.
fn references(code: &str, module: &[String]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while let Some(at) = code[i..].find("crate::").map(|k| k + i) {
        let before_ok =
            at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        i = at + "crate::".len();
        if !before_ok {
            continue;
        }
        let rest = &code[i..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push((name, format!("crate::{{{}}}", group[..end].trim())));
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((name.clone(), format!("crate::{name}")));
            }
        }
    }
    // super:: chains: from a file at depth d (module path length), d supers reach the root.
    let mut i = 0;
    while let Some(at) = code[i..].find("super::").map(|k| k + i) {
        let before_ok = at == 0
            || !(bytes[at - 1].is_ascii_alphanumeric()
                || bytes[at - 1] == b'_'
                || bytes[at - 1] == b':');
        i = at + 1;
        if !before_ok {
            continue;
        }
        let mut n = 0;
        let mut j = at;
        while code[j..].starts_with("super::") {
            n += 1;
            j += "super::".len();
        }
        i = j;
        // From a file at depth d, d supers reach the crate root (d + 1 inside a `mod tests`): a
        // chain that long naming a stage is a reference to that stage.
        if n >= module.len() {
            let name: String = code[j..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if stages().contains(&name) {
                found.push((name.clone(), format!("{}{name}", "super::".repeat(n))));
            }
        }
    }
    found
}

#[test]
fn stages_import_only_earlier_stages() {
    let order = stages();
    assert!(
        order.len() >= 10
            && order[0] == "text"
            && order.last().map(String::as_str) == Some("commands"),
        "src/lib.rs should declare the stages in order, from text to commands: {order:?}"
    );
    let rank: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut violations = Vec::new();
    for f in &files {
        let module = module_path(f);
        let text = std::fs::read_to_string(f).unwrap();
        let code = code_only(&text);
        let shown = f.strip_prefix(src()).unwrap().display().to_string();
        if module.is_empty() {
            // lib.rs declares the stages; main.rs may reach the library through commands only.
            if shown == "main.rs" {
                for (i, line) in code.lines().enumerate() {
                    if line.contains("hoso::") && !line.contains("hoso::commands") {
                        violations.push(format!("main.rs:{}: {}", i + 1, line.trim()));
                    }
                }
            }
            continue;
        }
        let stage = module[0].as_str();
        let Some(&own) = rank.get(stage) else {
            violations.push(format!(
                "{shown}: module `{stage}` is not a stage declared in src/lib.rs"
            ));
            continue;
        };
        for (name, how) in references(&code, &module) {
            if name == stage || name == "self" {
                continue;
            }
            match rank.get(name.as_str()) {
                Some(&r) if r < own => {}
                Some(_) => violations.push(format!(
                    "{shown}: stage `{stage}` uses the later stage `{name}` ({how})"
                )),
                None => violations.push(format!("{shown}: `{how}` is not a stage of src/lib.rs")),
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports against the stage order {}:\n{}",
        order.join(" → "),
        violations.join("\n")
    );
}

#[test]
fn the_checker_sees_what_it_should() {
    let code = code_only("use crate::{text, render::pdf}; // crate::commands\nlet s = \"crate::serve\"; crate::package::x();\nsuper::super::pipeline::y();");
    let refs: Vec<String> = references(&code, &["document".into(), "higher".into()])
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(refs, ["text", "render", "package", "pipeline"]);
    assert_eq!(
        module_path(&src().join("evidence/pdfsig.rs")),
        ["evidence", "pdfsig"]
    );
    assert_eq!(module_path(&src().join("evidence/mod.rs")), ["evidence"]);
}

/// Lines of each function in `code` (comments and strings already blanked): (name, first line,
/// lines).
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let t = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .or_else(|| t.strip_prefix("pub "))
            .unwrap_or(t);
        let t = t.strip_prefix("const ").unwrap_or(t);
        let t = t.strip_prefix("unsafe ").unwrap_or(t);
        let Some(rest) = t.strip_prefix("fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // The body: from the first `{` after the signature to its matching `}`.
        let mut depth = 0i32;
        let mut opened = false;
        let mut end = None;
        'scan: for (j, l) in lines.iter().enumerate().skip(i) {
            for c in l.chars() {
                match c {
                    ';' if !opened && depth == 0 => break 'scan,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => {
                        depth -= 1;
                        if opened && depth == 0 {
                            end = Some(j);
                            break 'scan;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(end) = end {
            out.push((name, i + 1, end - i + 1));
        }
    }
    out
}

#[test]
fn files_and_functions_stay_small() {
    const FILE_LINES: usize = 600;
    const FN_LINES: usize = 80;
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut over = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let shown = f.strip_prefix(src()).unwrap().display().to_string();
        let n = text.lines().count();
        if n > FILE_LINES {
            over.push(format!("{shown}: {n} lines (at most {FILE_LINES})"));
        }
        for (name, line, n) in functions(&code_only(&text)) {
            if n > FN_LINES {
                over.push(format!(
                    "{shown}:{line}: fn {name} is {n} lines (at most {FN_LINES})"
                ));
            }
        }
    }
    assert!(over.is_empty(), "split these:\n{}", over.join("\n"));
}

#[test]
fn the_size_check_counts_bodies() {
    let code = "fn a() {\n    let x = 1;\n}\nfn b();\npub(crate) fn c(\n    x: u8,\n) -> u8 {\n    if x > 1 {\n        x\n    } else {\n        0\n    }\n}\n";
    assert_eq!(
        functions(code),
        [("a".to_string(), 1, 3), ("c".to_string(), 5, 9)]
    );
}

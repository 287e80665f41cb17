//! The evidence folder: walks it read-only (walkdir), ignores litter, matches folders to indicator
//! codes (domain.md §5), checks every file's type and PDF signatures, and finds the list forms.
//! Nothing here writes anywhere.

pub mod filetype;
pub mod pdfsig;
pub mod signers;

use crate::criteria::CriteriaSet;
use crate::inputs::listform;
use crate::text::{fold, nfc};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One evidence file.
#[derive(Clone, Debug)]
pub struct EvidenceFile {
    /// Path relative to the dossier, `/` separators, NFC.
    pub rel: String,
    pub abs: PathBuf,
    /// The indicator whose folder holds it (deepest match).
    pub indicator: Option<String>,
    pub is_explanation: bool,
    /// A list form (mẫu biểu) and its code.
    pub list_form: Option<String>,
}

#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<EvidenceFile>,
    /// Indicator code → folders (relative) that belong to it.
    pub folders: BTreeMap<String, Vec<String>>,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

/// Office and system litter: never read, never hashed.
pub fn is_litter(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.starts_with(".~lock")
        || matches!(
            lower.as_str(),
            "thumbs.db"
                | "desktop.ini"
                | "ehthumbs.db"
                | "__macosx"
                | "$recycle.bin"
                | "system volume information"
        )
        || lower.ends_with(".tmp")
        || lower == "readme.txt"
}

/// The indicator code a folder name stands for, by the rules of domain.md §5: the code, then a space,
/// `.`, `_`, `-` or `)`, or the end; optionally after `Tiêu chí`, `Tieu chi`, `TC` (and `số`).
pub fn code_of_folder<'a>(name: &str, codes: &'a [String]) -> Option<&'a str> {
    let n = nfc(name).to_lowercase();
    let mut s = n.trim();
    for p in ["tiêu chí", "tieu chi", "chỉ tiêu", "chi tieu", "tc"] {
        if let Some(r) = s.strip_prefix(p) {
            let r = r.trim_start_matches([' ', '_', '-', '.']);
            s = r
                .strip_prefix("số")
                .or_else(|| r.strip_prefix("so "))
                .map(str::trim_start)
                .unwrap_or(r);
            break;
        }
    }
    let s = s.trim_start();
    codes
        .iter()
        .filter(|c| {
            let c = c.to_lowercase();
            s.strip_prefix(c.as_str()).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with([' ', '.', '_', '-', ')', '\u{a0}'])
            })
        })
        .max_by_key(|c| c.len())
        .map(String::as_str)
}

/// A group folder: `1 Chính quyền số`, `1. Chính quyền số`, `I. Chính quyền số`, or the group's name.
fn is_group_folder(name: &str, set: &CriteriaSet) -> bool {
    let f = fold(name);
    let roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    set.groups.iter().enumerate().any(|(i, g)| {
        let gname = fold(&g.name);
        f == fold(&g.code)
            || f.starts_with(&format!("{} ", fold(&g.code)))
            || f.starts_with(&format!("nhom {} ", fold(&g.code)))
            || f == format!("nhom {}", fold(&g.code))
            || roman
                .get(i)
                .is_some_and(|r| f.starts_with(&format!("{r} ")))
            || (!gname.is_empty() && f.contains(&gname))
    })
}

fn is_explanation(name: &str) -> bool {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    fold(stem).starts_with("giai trinh")
        && matches!(ext.as_str(), "txt" | "md" | "pdf" | "docx" | "doc")
}

/// Walks the dossier. `skip` is a folder (the output) never entered.
pub fn scan(root: &Path, set: &CriteriaSet, skip: Option<&Path>) -> Scan {
    let codes: Vec<String> = set.indicators.iter().map(|i| i.code.clone()).collect();
    let mut out = Scan::default();
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    let mut stray_dirs: Vec<String> = Vec::new();
    // Stack of (depth, code) for the indicator folders we are inside.
    let mut it = walker.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        if e.depth() > 0 && is_litter(&name) {
            return false;
        }
        if let (Some(s), true) = (&skip, e.file_type().is_dir()) {
            if e.path().canonicalize().ok().as_ref() == Some(s) {
                return false;
            }
        }
        true
    });
    let mut dir_code: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.errors.push(format!(
                    "Không đọc được {}: {e}",
                    e.path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            dir_code.insert(entry.path().to_path_buf(), None);
            continue;
        }
        let rel = rel_path(root, entry.path());
        let name = nfc(&entry.file_name().to_string_lossy());
        let parent_code = entry
            .path()
            .parent()
            .and_then(|p| dir_code.get(p).cloned())
            .flatten();
        if entry.file_type().is_symlink() {
            out.warnings.push(format!(
                "{rel}: là liên kết (symlink), bị bỏ qua — chép tệp thật vào hồ sơ"
            ));
            continue;
        }
        if entry.file_type().is_dir() {
            let code = code_of_folder(&name, &codes).map(str::to_string);
            if let Some(c) = &code {
                out.folders.entry(c.clone()).or_default().push(rel.clone());
            } else if parent_code.is_none() && !is_group_folder(&name, set) {
                stray_dirs.push(rel.clone());
            }
            dir_code.insert(entry.path().to_path_buf(), code.or(parent_code));
            continue;
        }
        let list_form = if crate::inputs::sheet::is_sheet(entry.path()) {
            listform::code_from_file_name(&name).map(str::to_string)
        } else {
            None
        };
        out.files.push(EvidenceFile {
            rel,
            abs: entry.path().to_path_buf(),
            indicator: parent_code,
            is_explanation: is_explanation(&name),
            list_form,
        });
    }
    for (code, dirs) in &out.folders {
        // Nested folders of the same indicator (1.1/1.1 Kế hoạch) are one folder.
        let tops: Vec<&String> = dirs
            .iter()
            .filter(|d| {
                !dirs
                    .iter()
                    .any(|o| o != *d && d.starts_with(&format!("{o}/")))
            })
            .collect();
        if tops.len() > 1 {
            out.errors.push(format!(
                "Chỉ tiêu {code}: có {} thư mục ({}) — gộp vào một thư mục",
                tops.len(),
                tops.iter()
                    .map(|d| format!("\"{d}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    for d in stray_dirs {
        let has_files = out.files.iter().any(|f| {
            f.rel.starts_with(&format!("{d}/")) && f.indicator.is_none() && f.list_form.is_none()
        });
        if has_files {
            out.warnings.push(format!(
                "Thư mục \"{d}\" không ứng với chỉ tiêu nào (tên thư mục phải bắt đầu bằng mã chỉ tiêu, ví dụ \"1.1 Kế hoạch\"); các tệp trong đó không được tính làm minh chứng"
            ));
        }
    }
    out
}

fn rel_path(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    nfc(&r
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

/// Per-file checks (type by content, PDF signatures), in parallel. Returns (errors, warnings) with
/// the file's path in each message.
pub fn check_files(files: &[EvidenceFile]) -> (Vec<String>, Vec<String>) {
    let results: Vec<(Vec<String>, Vec<String>)> = files
        .par_iter()
        .map(|f| {
            let mut errors = Vec::new();
            let mut warnings = Vec::new();
            match filetype::check(&f.abs) {
                Err(e) => errors.push(format!("{}: {e}", f.rel)),
                Ok(kind) => {
                    if kind == filetype::Kind::Pdf {
                        match pdfsig::check_pdf(&f.abs) {
                            Ok(pdfsig::SigStatus::Unsigned) if !f.is_explanation => warnings.push(format!(
                                "{}: tài liệu chưa được ký số — ký số trước khi nộp (hướng dẫn yêu cầu nộp bản điện tử có ký số, trừ video, hình ảnh, âm thanh)",
                                f.rel
                            )),
                            Ok(pdfsig::SigStatus::Broken { reason }) => errors.push(format!(
                                "{}: {reason} — lấy lại bản gốc đã ký hoặc ký lại (hoso chỉ kiểm tra tính toàn vẹn, không kiểm tra chuỗi chứng thư)",
                                f.rel
                            )),
                            Err(e) => errors.push(format!("{}: {e}", f.rel)),
                            _ => {}
                        }
                    } else if filetype::is_media(kind) {
                        // Photos, audio and video are exempt from signing (the seed's section 3).
                    } else if filetype::is_document(kind)
                        && !f.is_explanation
                        && f.list_form.is_none()
                        && f.indicator.is_some()
                    {
                        warnings.push(format!(
                            "{}: tài liệu {} chưa ký số — chuyển sang PDF và ký số trước khi nộp",
                            f.rel,
                            kind.label()
                        ));
                    }
                }
            }
            (errors, warnings)
        })
        .collect();
    let mut e = Vec::new();
    let mut w = Vec::new();
    for (a, b) in results {
        e.extend(a);
        w.extend(b);
    }
    (e, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> Vec<String> {
        ["1.1", "1.10", "1.11", "8.4", "8.4a", "PL3.01"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn folder_names_match_codes_by_the_rules() {
        let c = codes();
        for (name, code) in [
            ("1.1", Some("1.1")),
            ("1.1 Kế hoạch chuyển đổi số", Some("1.1")),
            ("1.1. Kế hoạch", Some("1.1")),
            ("1.1_ke-hoach", Some("1.1")),
            ("1.1-ke-hoach", Some("1.1")),
            ("1.1) Kế hoạch", Some("1.1")),
            ("Tiêu chí 1.1", Some("1.1")),
            ("Tieu chi 1.1 ke hoach", Some("1.1")),
            ("TC1.1", Some("1.1")),
            ("TC 1.1", Some("1.1")),
            ("Tiêu chí số 1.10 Tuyên truyền", Some("1.10")),
            ("1.10 Tuyên truyền", Some("1.10")),
            ("1.11", Some("1.11")),
            ("1.12", None),
            ("1.1x", None),
            ("8.4a Máy tính", Some("8.4a")),
            ("8.4A Máy tính", Some("8.4a")),
            ("8.4 Ứng dụng", Some("8.4")),
            ("pl3.01 Quản lý văn bản", Some("PL3.01")),
            ("Kế hoạch", None),
        ] {
            assert_eq!(code_of_folder(name, &c), code, "{name}");
        }
        // NFD (macOS) names match too.
        assert_eq!(
            code_of_folder("Tie\u{302}u chi\u{301} 1.1", &c),
            Some("1.1")
        );
    }

    #[test]
    fn litter_is_recognised() {
        for n in [
            ".DS_Store",
            "Thumbs.db",
            "desktop.ini",
            "~$Ke-hoach.docx",
            "x.tmp",
            ".hidden",
            "~lock.tmp",
        ] {
            assert!(is_litter(n), "{n}");
        }
        assert!(!is_litter("Ke-hoach.pdf"));
    }

    #[test]
    fn explanations() {
        assert!(is_explanation("giai-trinh.txt"));
        assert!(is_explanation("Giải trình số liệu.pdf"));
        assert!(!is_explanation("giai-trinh.jpg"));
    }
}

//! The evidence folder: walks it read-only (walkdir), ignores litter, matches folders to indicator
//! codes (domain.md §5), checks every file's type and PDF signatures, and finds the list forms.
//! Nothing here writes anywhere.

pub mod container;
pub mod filetype;
pub mod pdfobj;
pub mod pdfsig;
pub mod signers;

use crate::criteria::{listforms, CriteriaSet};
use crate::problem::Problem;
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
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
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

/// A spreadsheet by its extension (csv, xlsx, xlsm, xls, ods): a list form or so-lieu candidate.
pub fn is_sheet(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "csv" | "xlsx" | "xlsm" | "xls" | "ods")
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

/// Walks the dossier. `skip` is a folder (the output) never entered. The villages' folders
/// (`thon/`) are listed (they are packaged) but are not the commune's evidence.
pub fn scan(root: &Path, set: &CriteriaSet, skip: Option<&Path>) -> Scan {
    scan_with(root, set, skip, true)
}

/// A village's own folder: walked like a dossier (no `thon/` inside).
pub fn scan_village(root: &Path, set: &CriteriaSet) -> Scan {
    scan_with(root, set, None, false)
}

fn scan_with(root: &Path, set: &CriteriaSet, skip: Option<&Path>, skip_villages: bool) -> Scan {
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
                out.errors.push(Problem::error(format!(
                    "Không đọc được {}: {e}",
                    e.path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                )));
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
            // Not followed (a loop, or a link out of the dossier, would be read or packaged).
            let to = std::fs::read_link(entry.path())
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            out.errors.push(
                Problem::error(format!(
                    "là liên kết (symlink) tới \"{to}\", hoso không đọc và không đóng gói liên kết"
                ))
                .file(&rel)
                .indicator_opt(parent_code.clone())
                .fix("chép tệp thật vào hồ sơ rồi xóa liên kết"),
            );
            continue;
        }
        if !entry.file_type().is_dir() && !entry.file_type().is_file() {
            out.errors.push(
                Problem::error("không phải tệp thường (ống dẫn, thiết bị hoặc socket)")
                    .file(&rel)
                    .indicator_opt(parent_code.clone())
                    .fix("xóa khỏi hồ sơ"),
            );
            continue;
        }
        // thon/<tên thôn>/: each village is a dossier of its own (assessed against the village
        // set), packaged with the commune's but not the commune's evidence.
        let village = skip_villages && (rel == "thon" || rel.starts_with("thon/"));
        if entry.file_type().is_dir() && village {
            dir_code.insert(entry.path().to_path_buf(), None);
            continue;
        }
        if village {
            out.files.push(EvidenceFile {
                rel,
                abs: entry.path().to_path_buf(),
                indicator: None,
                is_explanation: false,
                list_form: None,
            });
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
        let list_form = if is_sheet(entry.path()) {
            listforms::code_from_file_name(&name).map(str::to_string)
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
            out.errors.push(
                Problem::error(format!(
                    "Chỉ tiêu {code}: có {} thư mục ({})",
                    tops.len(),
                    tops.iter()
                        .map(|d| format!("\"{d}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .indicator(code)
                .fix("gộp vào một thư mục"),
            );
        }
    }
    for d in stray_dirs {
        let has_files = out.files.iter().any(|f| {
            f.rel.starts_with(&format!("{d}/")) && f.indicator.is_none() && f.list_form.is_none()
        });
        if has_files {
            out.warnings.push(
                Problem::warning(format!(
                    "Thư mục \"{d}\" không ứng với chỉ tiêu nào (tên thư mục phải bắt đầu bằng mã chỉ tiêu, ví dụ \"1.1 Kế hoạch\"); các tệp trong đó không được tính làm minh chứng"
                ))
                .file(&d)
                .place_unsaid(),
            );
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

/// Per-file checks (type by content, PDF signatures), in parallel. Returns (errors, warnings), each
/// naming its file and indicator.
pub fn check_files(files: &[EvidenceFile]) -> (Vec<Problem>, Vec<Problem>) {
    let results: Vec<(Vec<Problem>, Vec<Problem>)> = files
        .par_iter()
        .map(|f| {
            let mut errors = Vec::new();
            let mut warnings = Vec::new();
            let at = |p: Problem| p.file(&f.rel).indicator_opt(f.indicator.clone());
            match filetype::check(&f.abs) {
                Err(e) => errors.push(at(Problem::error(e))),
                Ok(kind) => {
                    if let Err(e) = container_ok(&f.abs, kind) {
                        errors.push(at(Problem::error(e)));
                    }
                    if kind == filetype::Kind::Pdf {
                        match pdfsig::check_pdf(&f.abs) {
                            Ok(pdfsig::SigStatus::Unsigned) if !f.is_explanation => warnings.push(at(
                                Problem::warning("tài liệu chưa được ký số").fix("ký số trước khi nộp (hướng dẫn yêu cầu nộp bản điện tử có ký số, trừ video, hình ảnh, âm thanh)"),
                            )),
                            Ok(pdfsig::SigStatus::Broken { reason }) => errors.push(at(
                                Problem::error(reason).fix("lấy lại bản gốc đã ký hoặc ký lại (hoso chỉ kiểm tra tính toàn vẹn, không kiểm tra chuỗi chứng thư)"),
                            )),
                            Err(e) => errors.push(at(Problem::error(e))),
                            _ => {}
                        }
                    } else if filetype::is_media(kind) {
                        // Photos, audio and video are exempt from signing (the seed's section 3).
                    } else if filetype::is_document(kind)
                        && !f.is_explanation
                        && f.list_form.is_none()
                        && f.indicator.is_some()
                    {
                        warnings.push(at(Problem::warning(format!(
                            "tài liệu {} chưa ký số",
                            kind.label()
                        ))
                        .fix("chuyển sang PDF và ký số trước khi nộp")));
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

/// A document that is a ZIP container (docx, odt, xlsx, ods — a giải trình too) is held against
/// [`crate::evidence::container::DOCUMENT`] from its central directory: hoso does not inflate it, but it
/// goes up in the package and is opened by the levels above.
fn container_ok(path: &Path, kind: filetype::Kind) -> Result<(), String> {
    use filetype::Kind;
    if !matches!(kind, Kind::Docx | Kind::Odt | Kind::Xlsx | Kind::Ods) {
        return Ok(());
    }
    let file = std::fs::File::open(path).map_err(|e| format!("không đọc được tệp ({e})"))?;
    crate::evidence::container::open_checked(file, &crate::evidence::container::DOCUMENT)
        .map(|_| ())
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

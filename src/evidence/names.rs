//! What the names in a dossier mean (domain.md §5): litter never read, spreadsheets, the
//! indicator code a folder stands for, group folders, and explanations (giải trình).

use crate::criteria::CriteriaSet;
use crate::text::{fold, nfc};
use std::path::Path;

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

/// The so-lieu sheet by its name (`so-lieu.xlsx`, `Số liệu.csv`, any case), not litter.
pub fn is_solieu(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| fold(&s.to_string_lossy()))
        .unwrap_or_default();
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    is_sheet(path) && stem == "so lieu" && !is_litter(&name)
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
pub(super) fn is_group_folder(name: &str, set: &CriteriaSet) -> bool {
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

pub(super) fn is_explanation(name: &str) -> bool {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    fold(stem).starts_with("giai trinh")
        && matches!(ext.as_str(), "txt" | "md" | "pdf" | "docx" | "doc")
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

//! `hoso verify`: a package (zip or bag folder) checked file by file against its manifest, then the
//! signatures of its PDFs and the packages of the levels below kept inside it.

use crate::package::{self, Progress};
use crate::problem::Fatal;
use std::path::Path;

/// What `hoso verify` found in a package (zip or bag folder).
pub struct Verified {
    pub report: package::VerifyReport,
    /// Signatures that no longer match, inside this package or in the packages nested in it.
    pub broken: Vec<String>,
    /// PDFs too large to re-check in memory (their hashes were checked).
    pub skipped: Vec<String>,
    /// Packages of the levels below kept inside, all intact.
    pub nested: usize,
}

impl Verified {
    pub fn intact(&self) -> bool {
        self.report.ok && self.broken.is_empty()
    }
}

/// `hoso verify`: every file's SHA-256, then (when those hold) the signatures of the PDFs inside
/// and the packages of the levels below kept inside it.
pub fn verify(path: &Path, progress: &dyn Progress) -> Result<Verified, Fatal> {
    if !path.exists() {
        return Err(Fatal(format!("không tìm thấy \"{}\"", path.display())));
    }
    let report = package::verify(path, progress).map_err(Fatal)?;
    let (broken, skipped) = if report.problems.is_empty() {
        check_signatures_inside(path)
    } else {
        (Vec::new(), Vec::new())
    };
    let (nested, nested_problems) = if report.problems.is_empty() {
        crate::pipeline::levels::verify_nested(path)
    } else {
        (0, Vec::new())
    };
    Ok(Verified {
        report,
        broken: broken.into_iter().chain(nested_problems).collect(),
        skipped,
        nested,
    })
}

/// Re-checks the signatures of the signed PDFs inside a package. A zip is read from memory entry by
/// entry (nothing extracted to disk); PDFs above the in-memory limit are named as not re-checked.
fn check_signatures_inside(path: &Path) -> (Vec<String>, Vec<String>) {
    let mut broken = Vec::new();
    let mut skipped = Vec::new();
    let is_pdf = |p: &str| p.to_lowercase().ends_with(".pdf");
    let mut note =
        |name: &str, status: Result<crate::evidence::pdfsig::SigStatus, String>| match status {
            Ok(crate::evidence::pdfsig::SigStatus::Broken { reason }) => {
                broken.push(format!("{name}: {reason}"))
            }
            Err(e) => broken.push(format!("{name}: {e}")),
            _ => {}
        };
    if path.is_dir() {
        for e in walkdir::WalkDir::new(path).into_iter().flatten() {
            let rel = e
                .path()
                .strip_prefix(path)
                .unwrap_or(e.path())
                .to_string_lossy()
                .into_owned();
            if e.file_type().is_file() && is_pdf(&rel) {
                note(&rel, crate::evidence::pdfsig::check_pdf(e.path()));
            }
        }
    } else {
        for (name, size) in package::list_data(path)
            .unwrap_or_default()
            .into_iter()
            .filter(|(p, _)| is_pdf(p))
        {
            if size > package::DATA_LIMIT {
                skipped.push(name);
                continue;
            }
            match package::read_data(path, &name) {
                Ok(b) => note(&name, crate::evidence::pdfsig::check_bytes(&b)),
                Err(e) => note(&name, Err(e)),
            }
        }
    }
    (broken, skipped)
}

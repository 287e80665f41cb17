//! The evidence folder: walks it read-only (walkdir), ignores litter, matches folders to indicator
//! codes (domain.md §5), checks every file's type and PDF signatures, and finds the list forms.
//! Nothing here writes anywhere.

pub mod container;
pub mod filetype;
mod names;
pub mod pdfobj;
pub mod pdfsig;
pub mod signers;
mod walk;

pub use names::{code_of_folder, is_litter, is_sheet, is_solieu};
pub use walk::{scan, scan_village};

use crate::problem::messages::evidence as msg;
use crate::problem::Problem;
use filetype::Kind;
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

/// Per-file checks (type by content, PDF signatures), in parallel. Returns (errors, warnings), each
/// naming its file and indicator.
pub fn check_files(files: &[EvidenceFile]) -> (Vec<Problem>, Vec<Problem>) {
    let results: Vec<Vec<Problem>> = files
        .par_iter()
        .map(|f| {
            check_file(f)
                .into_iter()
                .map(|p| p.file(&f.rel).indicator_opt(f.indicator.clone()))
                .collect()
        })
        .collect();
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for p in results.into_iter().flatten() {
        if p.is_error() {
            errors.push(p);
        } else {
            warnings.push(p);
        }
    }
    (errors, warnings)
}

/// The problems of one file, without their place.
fn check_file(f: &EvidenceFile) -> Vec<Problem> {
    // The sheets hoso reads (so-lieu at the root, the list forms) are judged by their readers,
    // which also take a Windows-1258 CSV and say so; here only their kind is checked.
    let is_data = f.list_form.is_some() || (!f.rel.contains('/') && is_solieu(&f.abs));
    let text = if is_data {
        filetype::Text::AnyEncoding
    } else {
        filetype::Text::Utf8
    };
    let kind = match filetype::check_as(&f.abs, text) {
        Err(p) => return vec![*p],
        Ok(kind) => kind,
    };
    let mut out = Vec::new();
    if let Err(e) = container_ok(&f.abs, kind) {
        out.push(Problem::error(e));
    }
    if kind == Kind::Pdf {
        match pdfsig::check_pdf(&f.abs) {
            Ok(pdfsig::SigStatus::Unsigned) if !f.is_explanation => out.push(msg::pdf_unsigned()),
            Ok(pdfsig::SigStatus::Broken { reason }) => out.push(msg::signature_broken(&reason)),
            Err(e) => out.push(Problem::error(e)),
            _ => {}
        }
    } else if filetype::is_media(kind) {
        // Photos, audio and video are exempt from signing (the seed's section 3).
    } else if filetype::is_document(kind)
        && !f.is_explanation
        && f.list_form.is_none()
        && f.indicator.is_some()
    {
        out.push(msg::document_unsigned(kind.label()));
    }
    out
}

/// A document that is a ZIP container (docx, odt, xlsx, ods — a giải trình too) is held against
/// [`container::DOCUMENT`] from its central directory: hoso does not inflate it, but it goes up in
/// the package and is opened by the levels above.
fn container_ok(path: &Path, kind: Kind) -> Result<(), String> {
    if !matches!(kind, Kind::Docx | Kind::Odt | Kind::Xlsx | Kind::Ods) {
        return Ok(());
    }
    let file = std::fs::File::open(path).map_err(|e| msg::container::unreadable(&e.to_string()))?;
    container::open_checked(file, &container::DOCUMENT).map(|_| ())
}

/// The bytes of `tests/fixtures/<name>` (signed and unsigned PDFs), for the unit tests of every
/// stage that reads signatures.
#[cfg(test)]
pub(crate) fn test_fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

//! The steps every build shares, whatever its level: documents rendered to PDF and DOCX (and
//! their typst source with `--typ`), files written under a temporary name and renamed, the
//! package's BagInfo, hashing and zipping.

use crate::criteria::CriteriaSet;
use crate::document::model::Document;
use crate::inputs::dossier::DossierInfo;
use crate::package::{self, BagInfo, Entry, Hashed, PackageSummary, Progress};
use crate::problem::Fatal;
use crate::render;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

/// A generated file, in memory until it is written.
pub struct Generated {
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
}

impl Generated {
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Generated {
        Generated {
            name: name.into(),
            bytes: Arc::new(bytes),
        }
    }

    /// The file as a package entry under `ho-so/`.
    pub fn entry(&self) -> Entry {
        Entry {
            path: format!("ho-so/{}", self.name),
            source: package::Source::Bytes(self.bytes.clone()),
        }
    }
}

/// One document as PDF and DOCX, and its typst source when `typ`.
pub fn render(d: &Document, typ: bool) -> Result<Vec<Generated>, Fatal> {
    let mut v = vec![
        Generated::new(
            format!("{}.pdf", d.file_stem),
            render::pdf::render_pdf(d).map_err(Fatal)?,
        ),
        Generated::new(
            format!("{}.docx", d.file_stem),
            render::docx::render_docx(d).map_err(Fatal)?,
        ),
    ];
    if typ {
        v.push(Generated::new(
            format!("{}.typ", d.file_stem),
            render::pdf::to_typst(d).into_bytes(),
        ));
    }
    Ok(v)
}

/// Several documents, in parallel (typst is the slow part), in the order given.
pub fn render_all(docs: &[Document], typ: bool) -> Result<Vec<Generated>, Fatal> {
    let rendered: Vec<Result<Vec<Generated>, Fatal>> =
        docs.par_iter().map(|d| render(d, typ)).collect();
    let mut out = Vec::new();
    for r in rendered {
        out.extend(r?);
    }
    Ok(out)
}

/// Writes every file into `out`, each through a temporary name and a rename.
pub fn write_all(out: &Path, files: &[Generated]) -> Result<(), Fatal> {
    for g in files {
        package::write_atomic(&out.join(&g.name), &g.bytes).map_err(Fatal)?;
    }
    Ok(())
}

/// The BagInfo of a level's package: its name `<stem>-<set>-<year>`, the issuing organisation,
/// the report date, and the conclusion.
pub fn bag_info(
    stem: &str,
    organization: String,
    info: &DossierInfo,
    set: &CriteriaSet,
    conclusion: String,
) -> BagInfo {
    BagInfo {
        bag_name: format!("{stem}-{}-{}", set.id, info.nam),
        source_organization: organization,
        bagging_date: info.van_ban.ngay.ymd(),
        external_description: format!("{} ({}) năm {}", set.title, set.id, info.nam),
        extra: vec![
            ("Bo-Tieu-Chi".into(), set.id.clone()),
            ("Nam".into(), info.nam.to_string()),
            ("Cap".into(), info.cap.id().into()),
            ("Ket-Luan".into(), conclusion),
        ],
    }
}

/// Hashes what is not hashed yet and writes the package (zip, manifest, `.sha256`).
pub fn package(
    out: &Path,
    bag: &BagInfo,
    entries: &[Entry],
    mut hashes: Vec<Hashed>,
    progress: &dyn Progress,
) -> Result<PackageSummary, Fatal> {
    let rest = package::hash_entries(&entries[hashes.len()..], progress).map_err(Fatal)?;
    hashes.extend(rest);
    package::write_package(out, bag, entries, &hashes, progress).map_err(Fatal)
}

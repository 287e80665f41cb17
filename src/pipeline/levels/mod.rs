//! Higher levels (domain.md §1, §5 "Higher levels"): a district (huyện) appraises the commune
//! packages it received (Mẫu 02 + Phụ lục 02), a steering-committee member (bcd) gives an opinion
//! letter per commune from the district packages (Mẫu 03), the Sở verifies them (Mẫu 04 +
//! Phụ lục 03) and sums the province up (bảng tổng hợp). Every received package is verified before
//! it is read; one broken package is reported and does not stop the others; each level's output is
//! itself a package holding the received ones unchanged, so the chain can be verified end to end.

mod build;
mod chain;
mod gather;
pub mod received;
mod results;

use crate::criteria::{Catalog, CriteriaSet};
use crate::evaluate::appraise::Row;
use crate::evaluate::{Evaluation, Summary};
use crate::inputs::dossier::DossierInfo;
use crate::inputs::narrative::Narrative;
use crate::inputs::procedure;
use crate::package::Progress;
use crate::problem::{Fatal, Problem};
use received::{Commune, Failure};
use std::path::PathBuf;

pub use build::{build, LevelBuild};
pub use chain::verify_nested;
pub use gather::gather;
pub use results::ket_qua;

/// A commune evaluated at this level.
pub struct Done {
    pub c: Commune,
    pub rows: Vec<Row>,
    pub summary: Summary,
    pub narrative: Option<Narrative>,
}

/// Everything read from a higher-level dossier.
pub struct Gathered {
    pub set: CriteriaSet,
    /// Received packages that verified (their paths), to go into this level's package.
    pub received: Vec<PathBuf>,
    pub done: Vec<Done>,
    pub failures: Vec<Failure>,
    /// Problems with the dossier itself (figures files that match no commune…): nothing is built.
    pub general: Vec<Problem>,
    pub notes: Vec<String>,
}

impl Gathered {
    /// How many of the evaluated communes meet the criteria.
    pub fn met(&self) -> usize {
        self.done.iter().filter(|d| d.summary.dat_yeu_cau).count()
    }
}

/// The folder of received packages for the dossier's level (its chain says which).
pub fn inbox(info: &DossierInfo) -> &'static str {
    procedure::step(info).reads.as_str()
}

/// The folder of this level's own figures.
fn figures_folder(info: &DossierInfo) -> Option<&'static str> {
    let f = procedure::step(info).figures.as_str();
    (!f.is_empty()).then_some(f)
}

/// The level reads commune packages directly (a district, or a two-tier province).
fn reads_communes(info: &DossierInfo) -> bool {
    procedure::step(info).lower == "xa"
}

/// `hoso check` of a higher level's dossier: every received package verified and evaluated; the
/// commune packages inside district packages are verified from a temporary folder, removed after.
pub fn check(
    catalog: &Catalog,
    d: &crate::pipeline::Dossier,
    strict: bool,
    progress: &dyn Progress,
) -> Result<Gathered, Fatal> {
    let tmp = tempfile::Builder::new()
        .prefix("hoso-")
        .tempdir()
        .map_err(|e| Fatal(format!("không tạo được thư mục tạm: {e}")))?;
    gather(catalog, d, strict, tmp.path(), progress)
}

/// Top-level codes not met.
pub fn not_met(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| {
            r.parent.is_none()
                && matches!(
                    r.evaluation,
                    Evaluation::KhongDat | Evaluation::DangTrienKhai
                )
        })
        .map(|r| r.code.clone())
        .collect()
}

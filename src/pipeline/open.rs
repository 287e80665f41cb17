//! Opening a dossier: its hoso.toml read once per run, its chain of levels resolved, and which
//! pipeline builds it — a commune's (or a district's own) from its evidence, a higher level's
//! from the packages it received.

use crate::criteria::Catalog;
use crate::inputs::dossier::{self, DossierInfo, Level};
use crate::inputs::procedure;
use crate::problem::{Fatal, Problem};
use std::path::{Path, PathBuf};

/// Why a dossier was not checked or built: the command could not run (exit 2), or hoso.toml could
/// not be read (its problems; exit 1).
#[derive(Debug)]
pub enum Stop {
    Fatal(Fatal),
    Unreadable(Vec<Problem>),
}

impl From<Fatal> for Stop {
    fn from(f: Fatal) -> Stop {
        Stop::Fatal(f)
    }
}

/// A dossier as opened.
#[derive(Clone, Debug)]
pub struct Dossier {
    pub dir: PathBuf,
    pub info: DossierInfo,
    /// Built from received packages: every level but a commune's, and but a district assessing
    /// itself against a district-level set.
    pub higher: bool,
    /// What is wrong with its chain of levels: errors of a commune's check (a higher level's stop
    /// the run instead).
    pub chain_problems: Vec<Problem>,
}

/// Whether `info` is a level above the assessed unit (see [`Dossier::higher`]); with a set
/// hoso does not know, every level but a commune's.
fn is_higher(catalog: &Catalog, info: &DossierInfo) -> bool {
    match catalog.get(&info.bo_tieu_chi) {
        Ok(set) => !info.cap.assesses_itself(set.level),
        Err(_) => info.cap != Level::Xa,
    }
}

/// Reads `dir/hoso.toml` and resolves its chain.
pub fn open(catalog: &Catalog, dir: &Path) -> Result<Dossier, Stop> {
    if !dir.is_dir() {
        return Err(Stop::Fatal(Fatal(format!(
            "\"{}\" không phải là thư mục hồ sơ",
            dir.display()
        ))));
    }
    let mut info = dossier::read(&dir.join("hoso.toml")).map_err(Stop::Unreadable)?;
    let higher = is_higher(catalog, &info);
    let chain_problems = match procedure::resolve(&mut info, catalog) {
        Ok(()) => Vec::new(),
        Err(p) if higher => return Err(Stop::Unreadable(p)),
        Err(p) => p,
    };
    Ok(Dossier {
        dir: dir.to_path_buf(),
        info,
        higher,
        chain_problems,
    })
}

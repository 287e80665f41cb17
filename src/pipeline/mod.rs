//! Every run of hoso, as library calls that print nothing and return typed results: `open` (hoso.toml
//! read once), `check` and `build` of a commune's (or a district's own) dossier, a higher level's
//! check and build from the packages it received (`levels`), `verify`, `init`; packaging what was
//! signed is `package::signed`. The command line (`commands`) and the web page (`serve`) are two
//! front ends over these.

pub mod build;
pub mod check;
pub mod forms;
#[cfg(test)]
mod fuzz_tests;
pub mod init;
pub mod levels;
pub mod open;
pub mod output;
pub mod results;
#[cfg(test)]
mod tests;
pub mod verify;
pub mod villages;

pub use build::{build, BuildOptions, Building, Built};
pub use check::Options;
pub use open::{open, Dossier, Stop};
pub use verify::{verify, Verified};

use crate::criteria::Catalog;
use crate::evaluate::assessed::Checked;
use std::path::Path;

/// How a run ended, for the exit code: done (0), or the dossier has problems (1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Invalid,
}

/// Checks the commune's (or a district's own) dossier at `dir`.
pub fn check(catalog: &Catalog, dir: &Path, opts: &Options) -> Result<Checked, Stop> {
    check_opened(catalog, &open(catalog, dir)?, opts)
}

/// Checks a dossier already opened.
pub fn check_opened(catalog: &Catalog, d: &Dossier, opts: &Options) -> Result<Checked, Stop> {
    check::run(d, catalog, opts).map_err(Stop::Unreadable)
}

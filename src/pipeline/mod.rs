//! Every run of hoso, as library calls that print nothing and return typed results: `check` and
//! `build` of a commune's (or a district's own) dossier, a higher level's build from the packages it
//! received (`levels`), `verify`, packaging what was signed (`package::signed`), and `init`. The
//! command line (`commands`) and the web page (`serve`) are two front ends over these.

pub mod build;
pub mod check;
pub mod forms;
#[cfg(test)]
mod fuzz_tests;
pub mod init;
pub mod levels;
#[cfg(test)]
mod tests;
pub mod villages;

pub use build::{build, check, verify, BuildOptions, Building, Built, Stop, Verified};
pub use check::Options;

/// How a run ended, for the exit code: done (0), or the dossier has problems (1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Invalid,
}

//! The wording of every problem hoso reports, one file per stage that finds it, so that what an
//! officer reads can be reviewed in one place. Each function returns a [`Problem`](super::Problem)
//! with its place (indicator, file, row, cell) as fields and what to do as `fix`.

pub mod criteria;
pub mod evaluate;
pub mod evidence;
pub mod inputs;
pub mod levels;
pub mod package;
pub mod render;

//! Criteria sets (bộ tiêu chí) loaded from the TOML files in `forms/` — embedded in the binary, plus
//! any folder given with `--forms` / `HOSO_FORMS` — validated once into [`CriteriaSet`] (`load`,
//! gathered by `catalog`). Later stages trust these types: every target parses, codes are unique,
//! parents and groups exist. `target` and `value` read and compare targets and measured figures.

mod catalog;
pub mod chains;
pub mod frequency;
pub mod listforms;
mod load;
mod set;
pub mod target;
mod tiers;
pub mod value;

/// Villages (thôn) inside a commune dossier: where they are and what a commune indicator may be
/// computed from.
pub mod villages {
    /// The measures the villages give: villages that meet the set, all villages, villages that do
    /// not, the share that meet it, and the fewest conditions met by any other village (those that
    /// do not meet the set: "tất cả các thôn còn lại ít nhất có 02 hoạt động" is `≥ 02` of it; with
    /// no other village, every condition).
    pub const MEASURES: &[&str] = &[
        "so_thon_dat",
        "so_thon",
        "so_thon_khong_dat",
        "ty_le_thon_dat",
        "dieu_kien_dat_it_nhat_thon_con_lai",
    ];

    /// The folder of the villages inside a commune dossier.
    pub const FOLDER: &str = "thon";
}

pub use catalog::Catalog;
pub use load::{parse_set, parse_yearly};
pub use set::{
    ComputedFrom, CriteriaSet, Group, Indicator, Recognition, SetKind, SetLevel, TargetSource,
};
pub use target::Target;
pub use tiers::HigherTexts;
pub use value::{Figure, Value};

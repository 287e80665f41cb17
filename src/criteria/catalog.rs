//! Every criteria set of this run: the built-in set files, then the `--forms` folder's (a set of
//! the same id replaces the built-in one), each with its yearly targets (`targets/<id>.toml`).

use super::load::{parse_set, parse_yearly};
use super::set::CriteriaSet;
use crate::problem::messages::criteria as msg;
use crate::problem::Problem;
use std::collections::BTreeMap;

/// Every criteria set known to this run, by id.
#[derive(Debug, Default)]
pub struct Catalog {
    pub sets: BTreeMap<String, CriteriaSet>,
}

/// Forms files at the top of `forms/` that are not sets.
const NOT_SETS: &[&str] = &[
    "list-forms.toml",
    "reports.toml",
    "levels.toml",
    "layout.toml",
    "narrative.toml",
];

/// A file's path inside `forms/` (or the `--forms` folder) from its origin.
fn rel(origin: &str) -> String {
    origin
        .rsplit("::")
        .next()
        .unwrap_or(origin)
        .trim_start_matches("forms/")
        .to_string()
}

fn is_set(rel: &str) -> bool {
    rel.starts_with("sets/") || (!rel.contains('/') && !NOT_SETS.contains(&rel))
}

impl Catalog {
    /// Loads the embedded sets, then those of the `--forms` folder (which replace built-in sets of
    /// the same id). What is wrong names the file and, where there is one, the indicator.
    #[allow(
        clippy::result_large_err,
        reason = "one problem per file or figure, returned once: boxing it would only add noise"
    )]
    pub fn read() -> Result<Catalog, Problem> {
        let files: Vec<(&str, &str)> = crate::forms::all()
            .map_err(msg::forms_unreadable)?
            .iter()
            .map(|f| (f.origin.as_str(), f.text.as_str()))
            .collect();
        let mut cat = Catalog::default();
        for (origin, text) in &files {
            if is_set(&rel(origin)) {
                let set = parse_set(origin, text)?;
                cat.sets.insert(set.id.clone(), set);
            }
        }
        for (origin, text) in &files {
            let rel = rel(origin);
            if let Some(name) = rel
                .strip_prefix("targets/")
                .and_then(|n| n.strip_suffix(".toml"))
            {
                let set = cat
                    .sets
                    .get_mut(name)
                    .ok_or_else(|| msg::yearly_without_set(origin, name))?;
                for (y, m) in parse_yearly(origin, text, set)? {
                    set.yearly.entry(y).or_default().extend(m);
                }
            }
        }
        Ok(cat)
    }

    /// [`Catalog::read`] for a command that stops on the first problem with its text (exit 2).
    pub fn load() -> Result<Catalog, String> {
        Catalog::read().map_err(|p| p.text())
    }

    pub fn get(&self, id: &str) -> Result<&CriteriaSet, String> {
        self.sets
            .get(id)
            .ok_or_else(|| msg::set_unknown(id, &self.sets.keys().cloned().collect::<Vec<_>>()))
    }
}

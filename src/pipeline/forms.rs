//! The one loader of `forms/`: at start-up every data file is parsed — criteria sets and their
//! yearly targets, list forms, report and level texts, chains of levels, the style sheet, signature
//! places, narrative hints — from the binary or from the `--forms` folder, so a broken file is named
//! (exit 2) before any dossier is read.

use crate::criteria::Catalog;
use crate::problem::Fatal;
use std::path::Path;

/// Fixes the `--forms` folder for this process and parses every forms file.
pub fn load(dir: Option<&Path>) -> Result<Catalog, Fatal> {
    crate::forms::use_dir(dir).map_err(Fatal)?;
    let catalog = Catalog::load().map_err(Fatal)?;
    validate().map_err(Fatal)?;
    Ok(catalog)
}

/// Every forms file but the sets (which `Catalog::load` reads), parsed once.
pub fn validate() -> Result<(), String> {
    crate::criteria::listforms::LIST_FORMS.load()?;
    crate::criteria::chains::load()?;
    crate::document::forms::REPORTS.load()?;
    crate::document::forms::NARRATIVE.load()?;
    crate::document::higher::forms::LEVELS.load()?;
    crate::document::style::LAYOUT.load()?;
    crate::render::fields::SIGNATURES.load()?;
    crate::pipeline::init::template(crate::pipeline::init::HOSO_TOML)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_built_in_forms_file_parses() {
        super::validate().unwrap();
        let c = crate::criteria::Catalog::load().unwrap();
        assert_eq!(c.sets.len(), 11);
    }
}

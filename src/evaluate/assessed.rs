//! What assessing a dossier gives: the commune's (or district's own) evaluated indicators with the
//! files, lists and narrative they came from and every problem found ([`Checked`]), and its
//! villages ([`Villages`]). Built by `pipeline::check`; the documents are built from it.

use super::{Evaluated, Summary};
use crate::criteria::CriteriaSet;
use crate::evidence::Scan;
use crate::inputs::listform::ListForm;
use crate::inputs::{dossier, listform, narrative::Narrative};
use crate::problem::Problem;
use crate::text::fold;

#[derive(Debug)]
pub struct Checked {
    pub info: dossier::DossierInfo,
    /// The villages (`thon/<tên thôn>/`) and their evaluations.
    pub villages: Villages,
    pub set: CriteriaSet,
    pub evaluated: Vec<Evaluated>,
    pub summary: Summary,
    pub lists: Vec<listform::ListForm>,
    pub scan: Scan,
    pub narrative: Narrative,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Village {
    /// As the officer named the folder.
    pub ten: String,
    pub evaluated: Vec<Evaluated>,
    pub summary: Summary,
}

/// "thôn Nà Phặc" ("Thôn Nà Phặc" folders are not doubled).
pub fn village_label(ten: &str) -> String {
    if fold(ten).starts_with("thon ") {
        let mut c = ten.chars();
        c.next()
            .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        format!("thôn {ten}")
    }
}

#[derive(Debug, Default)]
pub struct Villages {
    pub set: Option<CriteriaSet>,
    pub list: Vec<Village>,
    /// The measures, as a list form the commune's indicators are computed from.
    pub lists: Vec<ListForm>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl Villages {
    pub fn met(&self) -> usize {
        self.list.iter().filter(|v| v.summary.dat_yeu_cau).count()
    }
}

//! The dossier's place in its chain of levels: `resolve` chooses the chain (hoso.toml's
//! `quy_trinh`, else the set's default) and checks the dossier's level and units against it;
//! `step` is what its level reads and writes.

use crate::criteria::chains::{chains, get, Level, Step};
use crate::criteria::Catalog;
use crate::inputs::dossier::DossierInfo;
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use std::sync::OnceLock;

/// The step of the dossier's level in its chain (an empty step if unresolved).
pub fn step(info: &DossierInfo) -> &'static Step {
    static EMPTY: OnceLock<Step> = OnceLock::new();
    chains()
        .get(&info.quy_trinh)
        .and_then(|c| c.step(info.cap))
        .unwrap_or_else(|| EMPTY.get_or_init(Step::default))
}

/// The documents of a commune's (or a district's own) dossier, as its chain names them.
pub fn own_documents(info: &DossierInfo) -> Vec<String> {
    crate::criteria::chains::Chain::own_documents(chains().get(&info.quy_trinh))
}

/// Chooses the chain (hoso.toml's `quy_trinh`, else the set's default) and checks the dossier
/// against it. Errors are sentences naming the key and the fix.
pub fn resolve(info: &mut DossierInfo, catalog: &Catalog) -> Result<(), Vec<Problem>> {
    let set = catalog
        .get(&info.bo_tieu_chi)
        .map_err(|e| vec![m::toml_unknown_set(&e)])?;
    let id = if info.quy_trinh.is_empty() {
        set.quy_trinh.clone()
    } else {
        info.quy_trinh.clone()
    };
    let chain = get(&id).map_err(|e| vec![m::toml_unknown_chain(&e)])?;
    info.quy_trinh = chain.id.clone();
    let mut errors = Vec::new();
    if !info.cap.assesses_itself(set.level) && !chain.has(info.cap) {
        errors.push(m::level_not_in_chain(
            info.cap.id(),
            &chain.id,
            &chain.caps(),
        ));
    }
    if info.cap == Level::Xa && chain.has(Level::Huyen) && info.don_vi.huyen.is_empty() {
        errors.push(m::district_missing_for_chain(&chain.id, &chain.caps()));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

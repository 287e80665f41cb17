//! Higher levels (huyện, bcd, sở): dossiers built from the packages received from the level below.
//! Not implemented yet: these entry points say so plainly instead of building a wrong dossier.

use crate::criteria::Catalog;
use crate::inputs::dossier::DossierInfo;
use crate::output::BuildOptions;
use crate::{Fatal, Outcome};
use std::path::Path;

fn not_yet(info: &DossierInfo) -> Fatal {
    Fatal(format!(
        "hồ sơ cấp \"{}\" (thẩm định, ý kiến, thẩm tra) chưa được hoso hỗ trợ trong phiên bản này; hiện chỉ lập hồ sơ cấp xã",
        info.cap.id()
    ))
}

pub fn build(
    _c: &Catalog,
    _dir: &Path,
    _out: &Path,
    _o: &BuildOptions,
    info: &DossierInfo,
) -> Result<Outcome, Fatal> {
    Err(not_yet(info))
}

pub fn check(
    _c: &Catalog,
    _dir: &Path,
    _strict: bool,
    _json: bool,
    info: &DossierInfo,
) -> Result<Outcome, Fatal> {
    Err(not_yet(info))
}

//! A higher level's `ket-qua.json` (also its `hoso check --json`): per commune, the figures of every
//! level so far, the evaluation at this level, the summary, and the documents written for it.

use super::received::Fig;
use super::{not_met, Done, Gathered};
use crate::evaluate::appraise::{eval_id, Row};
use crate::inputs::dossier::{DossierInfo, Level};
use serde_json::json;
use std::collections::BTreeMap;

fn row_json(level: Level, d: &Done, r: &Row) -> serde_json::Value {
    let lower = json!({ "value": r.lower_value, "evaluation": eval_id(r.lower_eval) });
    let mut v = json!({
        "code": r.code,
        "parent": r.parent,
        "group": r.group,
        "name": r.name,
        "unit": r.unit,
        "target": r.target,
        "value": r.value,
        "evaluation": eval_id(r.evaluation),
        "note": r.note,
        "khac": r.differs,
    });
    match level {
        Level::So => {
            v["huyen"] = lower;
            let xa: Option<Fig> = d.c.district.as_ref().and_then(|dd| {
                dd.indicators
                    .iter()
                    .find(|i| i.code == r.code)
                    .and_then(|i| i.xa.clone())
            });
            v["xa"] = serde_json::to_value(xa).unwrap_or_default();
        }
        _ => v["xa"] = lower,
    }
    v
}

/// The level's `ket-qua.json` (also `hoso check --json`): per commune, the figures of every level
/// so far, the evaluation at this level, the summary, and the documents written for it.
pub fn ket_qua(
    info: &DossierInfo,
    g: &Gathered,
    docs: &BTreeMap<usize, Vec<String>>,
) -> serde_json::Value {
    let communes: Vec<serde_json::Value> = g
        .done
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let c = &d.c;
            json!({
                "tinh": c.tinh,
                "huyen": c.huyen,
                "xa": c.xa,
                "loai": c.loai,
                "goi": format!("ho-so-xa/{}", c.zip_name),
                "goi_huyen": c.district.as_ref().map(|dd| format!("ho-so-huyen/{}", dd.zip_name)),
                "sha256": c.checked.sha256,
                "bao_cao_xa": { "so": c.so, "ngay": c.ngay },
                "bao_cao_huyen": c.district.as_ref().map(|dd| json!({ "so": dd.so, "ngay": dd.ngay })),
                "indicators": d.rows.iter().map(|r| row_json(info.cap, d, r)).collect::<Vec<_>>(),
                "summary": d.summary,
                "khong_dat": not_met(&d.rows),
                "tai_lieu": docs.get(&i).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let n_dat = g.met();
    let mut v = crate::pipeline::results::head(&g.set, info);
    v["ket_qua_xa"] = json!(communes);
    v["tong_hop"] =
        json!({ "so_xa": g.done.len(), "dat": n_dat, "khong_dat": g.done.len() - n_dat });
    v["loi"] = json!(g.failures);
    v["loi_chung"] = json!(crate::problem::texts(&g.general));
    v
}

//! `ket-qua.json` of a commune's (or a district's own) dossier — every indicator's figures, target,
//! evaluation and evidence, the summary, the problems — and `hoso check --json`, the same value with
//! every field of each problem.

use crate::criteria::CriteriaSet;
use crate::evaluate::assessed::Checked;
use crate::inputs::dossier::DossierInfo;
use crate::problem::{texts, Problem};
use serde_json::json;

/// What every level's `ket-qua.json` starts with: the set, the year, the level, the unit, the report.
pub fn head(set: &CriteriaSet, info: &DossierInfo) -> serde_json::Value {
    json!({
        "bo_tieu_chi": set.id,
        "ten_bo_tieu_chi": set.title,
        "nam": info.nam,
        "cap": info.cap,
        "don_vi": info.don_vi,
        "van_ban": { "so": info.van_ban.so, "ngay": info.van_ban.ngay.iso() },
    })
}

/// The `ket-qua.json` value (also `hoso check --json`).
pub fn ket_qua(c: &Checked) -> serde_json::Value {
    let indicators: Vec<serde_json::Value> = c
        .evaluated
        .iter()
        .map(|e| {
            json!({
                "code": e.code,
                "parent": e.parent,
                "group": e.group,
                "name": e.name,
                "unit": e.unit,
                "value": e.value,
                "exact": e.exact,
                "target": e.target,
                "evaluation": e.evaluation,
                "source": e.source,
                "evidence": e.evidence,
                "description": e.description,
                "note": e.note,
                "warnings": texts(&e.warnings),
                "errors": texts(&e.errors),
            })
        })
        .collect();
    let mut v = head(&c.set, &c.info);
    v["indicators"] = json!(indicators);
    v["summary"] = json!(c.summary);
    v["errors"] = json!(c.errors);
    v["warnings"] = json!(c.warnings);
    // Villages (thon/<tên thôn>/), only when the dossier has some: other outputs stay as they were.
    if let Some(set) = &c.villages.set {
        v["thon"] = json!({
            "bo_tieu_chi": set.id,
            "so_thon": c.villages.list.len(),
            "so_thon_dat": c.villages.met(),
            "danh_sach": c.villages.list.iter().map(|t| json!({
                "ten": t.ten,
                "summary": t.summary,
                "indicators": t.evaluated.iter().map(|e| json!({
                    "code": e.code, "value": e.value, "target": e.target, "evaluation": e.evaluation,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
    }
    v
}

/// `hoso check --json`: the ket-qua.json value, with every problem's fields (indicator, file, row,
/// cell, what to do) beside its text.
pub fn check_json(c: &Checked) -> serde_json::Value {
    let mut v = ket_qua(c);
    v["errors"] = c.errors.iter().map(Problem::to_json).collect();
    v["warnings"] = c.warnings.iter().map(Problem::to_json).collect();
    v
}

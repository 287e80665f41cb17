//! The JSON the page is drawn from, made from the pipeline's typed results: a commune dossier's
//! check ([`Checked`]) and a higher level's received packages ([`crate::pipeline::levels::Gathered`]).

use crate::evaluate::assessed::Checked;
use crate::evaluate::Evaluation;
use crate::inputs::dossier::DossierInfo;
use crate::inputs::listform::ListForm;
use crate::number::{format_q, Q};
use crate::pipeline::levels::Gathered;
use crate::problem::Problem;
use serde_json::{json, Value};

/// The word shown beside the colour (never the colour alone).
pub fn word(e: Evaluation) -> &'static str {
    match e {
        Evaluation::Dat => "Đạt",
        Evaluation::KhongDat => "Không đạt",
        Evaluation::DangTrienKhai => "Đang triển khai",
        Evaluation::KhongApDung => "Không áp dụng",
    }
}

fn id(e: Evaluation) -> &'static str {
    match e {
        Evaluation::Dat => "dat",
        Evaluation::KhongDat => "khong_dat",
        Evaluation::DangTrienKhai => "dang_trien_khai",
        Evaluation::KhongApDung => "khong_ap_dung",
    }
}

fn unit_line(info: &DossierInfo) -> String {
    let u = &info.don_vi;
    match info.cap {
        crate::inputs::dossier::Level::Xa => format!(
            "UBND {} {}, huyện {}, tỉnh {}",
            u.loai, u.xa, u.huyen, u.tinh
        ),
        crate::inputs::dossier::Level::Huyen => format!("UBND {}, tỉnh {}", u.huyen, u.tinh),
        _ if !u.co_quan.trim().is_empty() => format!("{}, tỉnh {}", u.co_quan, u.tinh),
        _ => format!("tỉnh {}", u.tinh),
    }
}

fn problems(list: &[Problem]) -> Vec<Value> {
    list.iter().map(|p| p.to_json()).collect()
}

/// A commune dossier at a glance, its indicators, list forms and problems.
pub fn commune(c: &Checked) -> Value {
    let indicators: Vec<Value> = c
        .evaluated
        .iter()
        .map(|e| {
            let asked = c
                .set
                .indicator(&e.code)
                .map(|i| i.evidence.clone())
                .unwrap_or_default();
            json!({
                "code": e.code,
                "parent": e.parent,
                "name": e.name,
                "unit": e.unit,
                "target": e.target,
                "value": e.value,
                "evaluation": id(e.evaluation),
                "word": word(e.evaluation),
                "evidence": e.evidence,
                "asked": asked,
                "errors": e.errors.len(),
                "warnings": e.warnings.len(),
            })
        })
        .collect();
    let lists: Vec<Value> = c.lists.iter().map(|l| list_form(c, l)).collect();
    json!({
        "cap": "xa",
        "don_vi": unit_line(&c.info),
        "bo_tieu_chi": c.set.id,
        "ten_bo_tieu_chi": c.set.title,
        "nam": c.info.nam,
        "dat": c.summary.dat,
        "tong": c.summary.total,
        "ty_le": c.summary.ty_le,
        "ket_luan": c.summary.ket_luan,
        "cau_ket_luan": c.summary.cau_ket_luan,
        "indicators": indicators,
        "lists": lists,
        "errors": problems(&c.errors),
        "warnings": problems(&c.warnings),
    })
}

/// A list form read: its title, file, rows, and each measure with the indicators it feeds.
fn list_form(c: &Checked, l: &ListForm) -> Value {
    let q100 = Q::from_integer(100);
    let title = crate::inputs::listform::spec(&l.code)
        .map(|s| s.title.clone())
        .unwrap_or_default();
    let measures: Vec<Value> = l
        .measures
        .iter()
        .map(|m| {
            let feeds: Vec<String> = c
                .set
                .indicators
                .iter()
                .filter(|i| {
                    i.computed_from
                        .as_ref()
                        .is_some_and(|cf| cf.form == l.code && cf.measure == m.key)
                })
                .map(|i| i.code.clone())
                .collect();
            let text = if m.is_count || m.den == Q::from_integer(0) {
                format_q(&m.num, 2)
            } else {
                format!(
                    "{}% ({}/{})",
                    format_q(&(m.num * q100 / m.den), 2),
                    format_q(&m.num, 2),
                    format_q(&m.den, 2)
                )
            };
            json!({ "key": m.key, "text": text, "chi_tieu": feeds })
        })
        .collect();
    json!({
        "code": l.code,
        "title": title,
        "file": l.file,
        "rows": l.rows.len(),
        "measures": measures,
        "errors": l.errors.len(),
        "warnings": l.warnings.len(),
    })
}

/// A district, steering-committee or province dossier: every received package, verified, and
/// the rejected ones with why.
pub fn level(info: &DossierInfo, g: &Gathered) -> Value {
    let done: Vec<Value> = g
        .done
        .iter()
        .map(|d| {
            json!({
                "goi": d.c.zip_name,
                "goi_huyen": d.c.district.as_ref().map(|x| x.zip_name.clone()),
                "don_vi": d.c.label(),
                "sha256": d.c.checked.sha256,
                "tep": d.c.checked.files,
                "pdf_da_ky": d.c.checked.signed_pdfs,
                "pdf_chua_ky": d.c.checked.unsigned_pdfs,
                "dat": d.summary.dat,
                "tong": d.summary.total,
                "ket_luan": d.summary.ket_luan,
                "khong_dat": crate::pipeline::levels::not_met(&d.rows),
            })
        })
        .collect();
    json!({
        "cap": info.cap,
        "don_vi": unit_line(info),
        "bo_tieu_chi": g.set.id,
        "ten_bo_tieu_chi": g.set.title,
        "nam": info.nam,
        "nhan": done,
        "bi_tu_choi": g.failures,
        "loi_chung": crate::problem::texts(&g.general),
        "luu_y": g.notes,
    })
}

/// A dossier that could not be read at all (hoso.toml missing or wrong).
pub fn unreadable(errors: &[Problem]) -> Value {
    json!({ "cap": null, "doc_khong_duoc": crate::problem::texts(errors) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_evaluation_has_a_word_and_an_id() {
        for e in [
            Evaluation::Dat,
            Evaluation::KhongDat,
            Evaluation::DangTrienKhai,
            Evaluation::KhongApDung,
        ] {
            assert!(!word(e).is_empty());
            assert_eq!(
                serde_json::to_value(e)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from)),
                Some(id(e).to_string())
            );
        }
    }
}

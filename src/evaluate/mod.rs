//! Measurements → evaluation. Every comparison is exact (rationals); targets come from the set
//! (fixed, year tables, yearly files) or the dossier, and a contradiction between them is an error;
//! list forms compute values; parents are met iff every sub-condition is met (domain.md §4).
//! `indicator` evaluates one indicator in named steps; `appraise` is a higher level's evaluation
//! of the figures it received; `assessed` holds what assessing a dossier gives.

pub mod appraise;
pub mod assessed;
mod indicator;
#[cfg(test)]
mod tests;

use crate::criteria::{CriteriaSet, Recognition, Target, Value};
use crate::inputs::listform::ListForm;
use crate::inputs::solieu::{Row, Status};
use crate::number::{format_q, Q};
use crate::problem::messages::evaluate as msg;
use crate::problem::Problem;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evaluation {
    Dat,
    KhongDat,
    DangTrienKhai,
    KhongApDung,
}

impl Evaluation {
    /// As printed in Phụ lục 01 (the seed allows only Đạt / Không đạt per indicator).
    pub fn label(self) -> &'static str {
        match self {
            Evaluation::Dat => "Đạt",
            Evaluation::KhongDat | Evaluation::DangTrienKhai => "Không đạt",
            Evaluation::KhongApDung => "Không áp dụng",
        }
    }
    pub fn met(self) -> bool {
        self == Evaluation::Dat
    }
}

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ValueSource {
    None,
    Typed,
    ListForm { file: String, form: String },
    SubConditions,
}

#[derive(Clone, Debug, Serialize)]
pub struct Exact {
    pub num: String,
    pub den: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Evaluated {
    pub code: String,
    pub group: String,
    pub parent: Option<String>,
    pub name: String,
    pub unit: String,
    /// As displayed (`95,65%`, `Có`, `22/23 (95,65%)`).
    pub value: String,
    pub exact: Option<Exact>,
    pub target: String,
    pub evaluation: Evaluation,
    pub source: ValueSource,
    pub evidence: Vec<String>,
    pub description: String,
    pub note: String,
    #[serde(serialize_with = "crate::problem::serialize_texts")]
    pub warnings: Vec<Problem>,
    #[serde(serialize_with = "crate::problem::serialize_texts")]
    pub errors: Vec<Problem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub dat: usize,
    pub total: usize,
    pub ty_le: String,
    pub dat_yeu_cau: bool,
    pub ket_luan: String,
    pub cau_ket_luan: String,
}

/// Per-indicator inputs gathered by the check stage.
pub struct Inputs<'a> {
    pub set: &'a CriteriaSet,
    pub year: i32,
    pub rows: &'a [Row],
    pub lists: &'a [ListForm],
    /// code → evidence paths (own folder + list forms feeding it).
    pub evidence: &'a BTreeMap<String, Vec<String>>,
    /// `[don_vi] so_thon` of hoso.toml: the whole of a fraction-of-the-villages target.
    pub so_thon: Option<u32>,
    /// The commune group (`nhom_xa`), for targets given per group.
    pub nhom: &'a str,
}

/// Every indicator of the set, in the set's order: each on its own (target, value, comparison),
/// then parents from their sub-conditions, then the indicators marked in progress; and the summary.
pub fn evaluate(inp: &Inputs) -> (Vec<Evaluated>, Summary) {
    let rows: BTreeMap<&str, &Row> = inp.rows.iter().map(|r| (r.code.as_str(), r)).collect();
    let mut out: Vec<Evaluated> = inp
        .set
        .indicators
        .iter()
        .map(|ind| indicator::evaluate(inp, ind, rows.get(ind.code.as_str()).copied()))
        .collect();
    resolve_parents(&mut out);
    in_progress(&mut out, inp.rows);
    let summary = summarize(inp.set, &out, inp.year);
    (out, summary)
}

/// Parents: met iff their own target (if any) and every applicable sub-condition is met. Walk
/// from the deepest so nested sub-conditions (8.4b.1 → 8.4b → 8.4) resolve first. A parent
/// without a value of its own shows how many sub-conditions are met.
fn resolve_parents(out: &mut [Evaluated]) {
    for i in (0..out.len()).rev() {
        let code = out[i].code.clone();
        let kids: Vec<Evaluation> = out
            .iter()
            .filter(|c| c.parent.as_deref() == Some(&code))
            .map(|c| c.evaluation)
            .collect();
        if kids.is_empty() || out[i].evaluation == Evaluation::KhongApDung {
            continue;
        }
        let applicable = kids.iter().filter(|k| **k != Evaluation::KhongApDung);
        if !applicable.clone().all(|k| k.met()) {
            out[i].evaluation = Evaluation::KhongDat;
        }
        if out[i].source == ValueSource::None {
            out[i].source = ValueSource::SubConditions;
            if out[i].value.is_empty() {
                let met = kids.iter().filter(|k| k.met()).count();
                out[i].value = msg::conditions_met(met, applicable.count());
            }
        }
    }
}

/// "Đang triển khai" (column `Trạng thái`): an indicator not met is counted apart; one met keeps
/// Đạt, with a warning, and loses the note.
fn in_progress(out: &mut [Evaluated], rows: &[Row]) {
    let statuses: BTreeMap<&str, Option<Status>> =
        rows.iter().map(|r| (r.code.as_str(), r.status)).collect();
    for e in out.iter_mut() {
        if statuses.get(e.code.as_str()).copied().flatten() != Some(Status::InProgress) {
            continue;
        }
        if e.evaluation == Evaluation::KhongDat {
            e.evaluation = Evaluation::DangTrienKhai;
        } else if e.evaluation == Evaluation::Dat {
            e.warnings.push(msg::in_progress_but_met(&e.code));
            e.note = e
                .note
                .replace(msg::IN_PROGRESS, "")
                .trim_matches([';', ' '])
                .to_string();
        }
    }
}

/// "đã hoàn thành N/M tiêu chí, tỷ lệ đạt P%" and ĐẠT / KHÔNG ĐẠT by the set's rule.
pub fn summarize(set: &CriteriaSet, all: &[Evaluated], year: i32) -> Summary {
    let top: Vec<&Evaluated> = all
        .iter()
        .filter(|e| e.parent.is_none() && e.evaluation != Evaluation::KhongApDung)
        .collect();
    let dat = top.iter().filter(|e| e.evaluation.met()).count();
    let total = top.len();
    let rate = if total == 0 {
        Q::from_integer(0)
    } else {
        Q::new(dat as i128 * 100, total as i128)
    };
    let ok = match &set.recognition {
        Recognition::All => dat == total && total > 0,
        Recognition::MinCount { count } => dat >= *count,
        Recognition::MinShare { percent } => Target::parse(percent, true)
            .ok()
            .and_then(|t| t.is_met(&Value::Number(rate)).ok())
            .unwrap_or(false),
    };
    let ty_le = format!("{}%", format_q(&rate, 2));
    Summary {
        dat,
        total,
        cau_ket_luan: msg::conclusion_sentence(dat, total, year, &ty_le),
        ty_le,
        dat_yeu_cau: ok,
        ket_luan: msg::conclusion(ok),
    }
}

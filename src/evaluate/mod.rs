//! Measurements → evaluation. Every comparison is exact (rationals); targets come from the set
//! (fixed, year tables, yearly files) or the dossier, and a contradiction between them is an error;
//! list forms compute values; parents are met iff every sub-condition is met (domain.md §4).

pub mod appraise;
pub mod assessed;

use crate::criteria::{CriteriaSet, Indicator, Recognition, Target, Value};
use crate::inputs::listform::ListForm;
use crate::inputs::solieu::{Row, Status};
use crate::number::{format_q, parse_number, NumberContext, Q};
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
    #[serde(skip)]
    pub target_parsed: Option<Target>,
    #[serde(skip)]
    pub value_parsed: Option<Value>,
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

fn typed_value(row: &Row, ind: &Indicator) -> Result<Option<Value>, String> {
    if row.result.trim().is_empty() {
        return Ok(None);
    }
    // Excel stores "85%" as 0.85 in a percent-formatted cell: a stored number ≤ 1 in a % row is a
    // fraction (nobody reports 0,85%, and "1" there is Excel's 100%).
    if let (Some(x), true) = (row.result_number, ind.percent_unit()) {
        if x > 0.0 && x <= 1.0 && !row.result.contains('%') {
            let q = parse_number(&row.result, NumberContext::Any)
                .ok_or_else(|| format!("kết quả \"{}\" không đọc được", row.result))?;
            return Ok(Some(Value::Number(q * Q::from_integer(100))));
        }
    }
    Value::parse(&row.result)
        .map(Some)
        .ok_or_else(|| format!("kết quả \"{}\" không đọc được — ghi một số (85,5 hoặc 85,5%), một phân số (12/15) hoặc Có/Không", row.result))
}

/// Decimals the officer typed ("95,65" → 2), to compare a typed figure with a computed one.
fn typed_decimals(s: &str) -> u32 {
    let t = s.trim().trim_end_matches('%').trim();
    t.rsplit_once([',', '.'])
        .map(|(_, f)| {
            if f.len() == 3 && !t.contains(',') {
                0
            } else {
                f.len() as u32
            }
        })
        .unwrap_or(0)
}

pub fn evaluate(inp: &Inputs) -> (Vec<Evaluated>, Summary) {
    let set = inp.set;
    let mut out: Vec<Evaluated> = Vec::new();
    let rows: BTreeMap<&str, &Row> = inp.rows.iter().map(|r| (r.code.as_str(), r)).collect();
    for ind in &set.indicators {
        let row = rows.get(ind.code.as_str()).copied();
        let mut e = Evaluated {
            code: ind.code.clone(),
            group: ind.group.clone(),
            parent: ind.parent.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            value: String::new(),
            exact: None,
            target: String::new(),
            target_parsed: None,
            value_parsed: None,
            evaluation: Evaluation::KhongDat,
            source: ValueSource::None,
            evidence: inp.evidence.get(&ind.code).cloned().unwrap_or_default(),
            description: row.map(|r| r.description.clone()).unwrap_or_default(),
            note: row.map(|r| r.note.clone()).unwrap_or_default(),
            warnings: Vec::new(),
            errors: Vec::new(),
        };
        let status = row.and_then(|r| r.status);
        if status == Some(Status::NotApplicable) {
            if ind.optional {
                e.evaluation = Evaluation::KhongApDung;
                e.value = "Không áp dụng".into();
                out.push(e);
                continue;
            }
            e.errors.push(Problem::error(format!(
                "chỉ tiêu {} không được ghi \"Không áp dụng\": bộ tiêu chí chỉ cho phép điều đó với chỉ tiêu \"(nếu có)\" — xóa Trạng thái ở dòng {} của so-lieu",
                ind.code,
                row.map(|r| r.line).unwrap_or(0)
            )).place_unsaid());
        }
        // Target: the set's, the dossier's, and their agreement.
        let mut group_missing = false;
        let set_t = match set.group_target(ind, inp.nhom) {
            None => set.set_target(ind, inp.year),
            Some(Ok(t)) => Some(t),
            Some(Err(m)) => {
                e.errors.push(Problem::error(m).place_unsaid());
                group_missing = true;
                None
            }
        };
        let dossier_t = match row.map(|r| r.target.trim()).filter(|t| !t.is_empty()) {
            None => None,
            Some(t) => match Target::parse(t, ind.percent_unit()) {
                Ok(t) => Some(t),
                Err(err) => {
                    e.errors.push(Problem::error(format!("cột Chỉ tiêu \"{t}\" không đọc được ({err}) — ghi ví dụ ≥ 70%, 100%, Có, ít nhất 04")).place_unsaid());
                    None
                }
            },
        };
        let target = match (set_t, dossier_t) {
            (Some(s), Some(d)) if s != d => {
                e.errors.push(Problem::error(format!(
                    "chỉ tiêu trong hồ sơ ({}) mâu thuẫn với chỉ tiêu của bộ tiêu chí ({}) — sửa cột Chỉ tiêu cho khớp hoặc để trống",
                    d.display(),
                    s.display()
                )).place_unsaid());
                Some(s)
            }
            (Some(s), _) => Some(s),
            (None, d) => d,
        };
        if target.is_none() && ind.children.is_empty() && !group_missing {
            e.errors.push(Problem::error(format!(
                "chưa có chỉ tiêu (mục tiêu) cho năm {}: ghi vào cột \"Chỉ tiêu\" của so-lieu (chỉ tiêu được giao năm {}), ví dụ ≥ 70%",
                inp.year, inp.year
            )).place_unsaid());
        }
        e.target = target.as_ref().map(Target::display).unwrap_or_default();
        // Value: typed, computed from a list form, or both (and then they must agree).
        let typed = match row.map(|r| typed_value(r, ind)) {
            Some(Ok(v)) => v,
            Some(Err(err)) => {
                e.errors.push(Problem::error(err).place_unsaid());
                None
            }
            None => None,
        };
        let computed = ind.computed_from.as_ref().and_then(|c| {
            inp.lists
                .iter()
                .find(|l| l.code == c.source())
                .and_then(|l| {
                    l.measures.iter().find(|m| m.key == c.measure).map(|m| {
                        let v = if m.is_count {
                            Value::Number(m.num)
                        } else {
                            Value::Ratio {
                                num: m.num,
                                den: m.den,
                            }
                        };
                        (v, l.file.clone(), l.code.clone())
                    })
                })
        });
        let value = match (typed, computed) {
            (Some(t), Some((c, file, form))) => {
                let agree = match (crate::criteria::target::as_percent(&t).ok(), &c) {
                    (Some(tp), Value::Ratio { .. })
                        if ind.percent_unit() || target.as_ref().is_some_and(Target::is_rate) =>
                    {
                        let cp = crate::criteria::target::as_percent(&c).unwrap_or_default();
                        let d = typed_decimals(&row.map(|r| r.result.clone()).unwrap_or_default());
                        let tol = Q::new(1, 2 * 10i128.pow(d.min(6)));
                        (tp - cp) <= tol && (cp - tp) <= tol
                    }
                    (Some(tp), Value::Number(n)) => tp == *n,
                    _ => t == c,
                };
                if !agree {
                    let computed_text = target
                        .as_ref()
                        .map(|tg| tg.display_value(&c, ind.percent_unit()))
                        .unwrap_or_else(|| {
                            crate::criteria::target::display_value(&c, None, ind.percent_unit())
                        });
                    e.errors.push(Problem::error(format!(
                        "kết quả ghi trong so-lieu ({}) khác kết quả tính từ Mẫu {} ({}): {} — sửa so-lieu hoặc danh sách cho khớp (có thể để trống Kết quả để dùng số tính từ danh sách)",
                        row.map(|r| r.result.clone()).unwrap_or_default(),
                        form,
                        file,
                        computed_text
                    )).place_unsaid());
                }
                e.source = ValueSource::ListForm { file, form };
                Some(c)
            }
            (None, Some((c, file, form))) => {
                e.source = ValueSource::ListForm { file, form };
                Some(c)
            }
            (Some(t), None) => {
                e.source = ValueSource::Typed;
                Some(t)
            }
            (None, None) => None,
        };
        let mut unusable = false;
        let value = match (value, &target) {
            (Some(v), Some(t)) => {
                let typed_percent =
                    e.source == ValueSource::Typed && row.is_some_and(|r| r.result.contains('%'));
                match whole_of_fraction(t, v.clone(), ind, typed_percent, inp.so_thon, row) {
                    Ok(v) => Some(v),
                    Err(msg) => {
                        e.errors.push(Problem::error(msg).place_unsaid());
                        unusable = true;
                        Some(v)
                    }
                }
            }
            (v, _) => v,
        };
        if let Some(Value::Ratio { num, den }) = &value {
            e.exact = Some(Exact {
                num: format_q(num, 6),
                den: format_q(den, 6),
            });
        } else if let Some(Value::Number(n)) = &value {
            if ind.percent_unit() || target.as_ref().is_some_and(Target::is_rate) {
                let frac = *n / Q::from_integer(100);
                e.exact = Some(Exact {
                    num: frac.numer().to_string(),
                    den: frac.denom().to_string(),
                });
            }
        }
        e.value = match (&value, &target) {
            (Some(v), Some(t)) => t.display_value(v, ind.percent_unit()),
            (Some(v), None) => crate::criteria::target::display_value(v, None, ind.percent_unit()),
            (None, _) => String::new(),
        };
        let own_met = match (&value, &target) {
            _ if unusable => Some(false),
            (Some(v), Some(t)) => match t.is_met(v) {
                Ok(m) => Some(m),
                Err(mis) => {
                    e.errors.push(
                        Problem::error(format!(
                            "kết quả \"{}\" không so được với chỉ tiêu {}: {}",
                            e.value,
                            t.display(),
                            mis.0
                        ))
                        .place_unsaid(),
                    );
                    Some(false)
                }
            },
            (None, Some(_)) if ind.children.is_empty() => {
                e.errors.push(Problem::error(if let Some(t) = ind.computed_from.as_ref().filter(|c| !c.thon.is_empty()) {
                    format!("chưa có kết quả: chỉ tiêu được tính từ các thôn (thư mục thon/<tên thôn>/, bộ tiêu chí thôn {}) — thêm thư mục của từng thôn và ghi bo_tieu_chi_thon = \"{}\" trong hoso.toml", t.thon, t.thon)
                } else if ind.computed_from.is_some() {
                    let form = ind.computed_from.as_ref().map(|c| c.form.clone()).unwrap_or_default();
                    format!("chưa có kết quả: thêm danh sách theo Mẫu {form} (tệp mau-{form}.xlsx) hoặc ghi cột Kết quả của so-lieu")
                } else {
                    "chưa có kết quả: ghi cột Kết quả của so-lieu (số liệu, Có/Không)".to_string()
                }).place_unsaid());
                Some(false)
            }
            _ => None,
        };
        // Without the commune's group there is no target to meet.
        let own_met = if group_missing { Some(false) } else { own_met };
        e.value_parsed = value;
        e.target_parsed = target;
        // Parents wait for their sub-conditions (they come later in the list): mark provisionally.
        e.evaluation = if own_met == Some(false) {
            Evaluation::KhongDat
        } else {
            Evaluation::Dat
        };
        if status == Some(Status::InProgress) {
            e.note = join_note(&e.note, "Đang triển khai");
        }
        out.push(e);
    }
    // Parents: met iff their own target (if any) and every applicable sub-condition is met. Walk
    // from the deepest so nested sub-conditions (8.4b.1 → 8.4b → 8.4) resolve first.
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
        let all = kids
            .iter()
            .filter(|k| **k != Evaluation::KhongApDung)
            .all(|k| k.met());
        if !all {
            out[i].evaluation = Evaluation::KhongDat;
        }
        if out[i].source == ValueSource::None {
            out[i].source = ValueSource::SubConditions;
            let met = kids.iter().filter(|k| k.met()).count();
            let app = kids
                .iter()
                .filter(|k| **k != Evaluation::KhongApDung)
                .count();
            if out[i].value.is_empty() {
                out[i].value = format!("{met}/{app} điều kiện đạt");
            }
        }
    }
    // Status "Đang triển khai".
    let statuses: BTreeMap<&str, Option<Status>> = inp
        .rows
        .iter()
        .map(|r| (r.code.as_str(), r.status))
        .collect();
    for e in out.iter_mut() {
        if statuses.get(e.code.as_str()).copied().flatten() == Some(Status::InProgress) {
            if e.evaluation == Evaluation::KhongDat {
                e.evaluation = Evaluation::DangTrienKhai;
            } else if e.evaluation == Evaluation::Dat {
                e.warnings.push(Problem::warning("đã đạt nhưng Trạng thái ghi \"Đang triển khai\" — xóa Trạng thái nếu đã hoàn thành").place_unsaid());
                e.note = e
                    .note
                    .replace("Đang triển khai", "")
                    .trim_matches([';', ' '])
                    .to_string();
            }
        }
    }
    let summary = summarize(set, &out, inp.year);
    (out, summary)
}

/// A fraction-of-a-whole target (`2/3` of the thôn) needs the whole: a typed `8/12` or a percentage
/// stands; a bare count becomes `count/so_thon` when hoso.toml gives `[don_vi] so_thon` and the
/// unit counts thôn; otherwise it is an error naming the indicator and the two ways to fix it.
fn whole_of_fraction(
    target: &Target,
    v: Value,
    ind: &Indicator,
    typed_percent: bool,
    so_thon: Option<u32>,
    row: Option<&Row>,
) -> Result<Value, String> {
    let Target::Fraction { min } = target else {
        return Ok(v);
    };
    let Value::Number(n) = v else {
        return Ok(v);
    };
    if typed_percent || ind.percent_unit() {
        return Ok(Value::Number(n));
    }
    let line = row
        .map(|r| format!(" (so-lieu, dòng {})", r.line))
        .unwrap_or_default();
    let frac = format!("{}/{}", min.numer(), min.denom());
    let counts_thon = crate::text::fold(&ind.unit) == "thon";
    match so_thon {
        Some(w) if counts_thon => {
            let whole = Q::from_integer(w.into());
            if n > whole || n < Q::from_integer(0) {
                return Err(format!(
                    "chỉ tiêu {}: kết quả {} thôn{line} lớn hơn số thôn của xã ([don_vi] so_thon = {w} trong hoso.toml) — sửa kết quả hoặc so_thon",
                    ind.code,
                    format_q(&n, 2)
                ));
            }
            Ok(Value::Ratio { num: n, den: whole })
        }
        _ => Err(format!(
            "chỉ tiêu {}: chỉ tiêu là {frac} của tổng số {}, nhưng kết quả \"{}\"{line} chỉ là một số đếm — ghi kèm tổng số, ví dụ \"8/12\" (8 trên 12 {}), hoặc ghi số thôn của xã vào hoso.toml: [don_vi] so_thon = 12",
            ind.code,
            if ind.unit.trim().is_empty() { "đơn vị".to_string() } else { ind.unit.to_lowercase() },
            format_q(&n, 2),
            if ind.unit.trim().is_empty() { "đơn vị".to_string() } else { ind.unit.to_lowercase() },
        )),
    }
}

fn join_note(a: &str, b: &str) -> String {
    if a.trim().is_empty() {
        b.to_string()
    } else if a.contains(b) {
        a.to_string()
    } else {
        format!("{}; {b}", a.trim())
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
        ty_le: ty_le.clone(),
        dat_yeu_cau: ok,
        ket_luan: if ok {
            "ĐẠT".into()
        } else {
            "KHÔNG ĐẠT".into()
        },
        cau_ket_luan: format!("đã hoàn thành {dat}/{total} tiêu chí năm {year}, tỷ lệ đạt {ty_le}"),
    }
}

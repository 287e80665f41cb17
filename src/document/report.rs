//! Mẫu số 01 (the commune's self-assessment report, parts I–V with group summaries, as the seed
//! has it: no closing verdict, which belongs to Mẫu 02–04) and Phụ lục 01 (every indicator in the
//! seed's columns), for both kinds of set.

use super::forms::{for_set, Mau01};
use super::model::*;
use super::{commune_header, file_part, fill, recipients, signature};
use crate::evaluate::assessed::Checked;
use crate::evaluate::{Evaluated, Evaluation};

fn body(t: impl Into<String>) -> Block {
    Block::Para(Para::body(vec![Run::plain(t)]))
}

fn heading(t: impl Into<String>, bold: bool, italic: bool) -> Block {
    let r = Run {
        text: t.into(),
        bold,
        italic,
    };
    Block::Para(Para::heading(vec![r]))
}

fn narrative(c: &Checked, heading_text: &str, out: &mut Vec<Block>) {
    if let Some(items) = c.narrative.items(heading_text) {
        let number = super::narrative::number_of(heading_text);
        out.extend(super::narrative::blocks(
            items,
            &number,
            super::forms::narrative_guide(),
        ));
    }
}

pub fn mau01(c: &Checked) -> Document {
    let forms = for_set(&c.set);
    let m: &Mau01 = &forms.mau01;
    let info = &c.info;
    let extra = [
        ("title", c.set.title.clone()),
        ("cau_ket_luan", c.summary.cau_ket_luan.clone()),
    ];
    let mut b = vec![
        Block::Header(commune_header(info)),
        Block::Title {
            kind: m.kind.clone(),
            subject: vec![fill(&m.subject, info, &extra)],
        },
    ];
    if let Some(basis) = &m.preamble_basis {
        for l in &c.set.legal_basis {
            b.push(body(fill(basis, info, &[("basis", l.clone())])));
        }
    }
    let preamble = match &m.preamble_without_huyen {
        Some(p) if info.don_vi.huyen.trim().is_empty() => p,
        _ => &m.preamble,
    };
    for p in preamble {
        b.push(body(fill(p, info, &extra)));
    }
    b.push(heading(&m.part1, true, false));
    for s in &m.part1_sections {
        b.push(heading(s, true, false));
        narrative(c, s, &mut b);
    }
    b.push(heading(&m.part2, true, false));
    for (gi, g) in c.set.groups.iter().enumerate() {
        b.push(heading(format!("{}. {}", gi + 1, g.name), true, false));
        let tops: Vec<&Evaluated> = c
            .evaluated
            .iter()
            .filter(|e| e.group == g.code && e.parent.is_none())
            .collect();
        let codes = |f: &dyn Fn(&Evaluated) -> bool| {
            let v: Vec<&str> = tops
                .iter()
                .filter(|e| f(e))
                .map(|e| e.code.as_str())
                .collect();
            if v.is_empty() {
                " Không".to_string()
            } else {
                format!(" {} ({} chỉ tiêu)", v.join(", "), v.len())
            }
        };
        let lines = [
            codes(&|e| e.evaluation == Evaluation::Dat),
            codes(&|e| e.evaluation == Evaluation::DangTrienKhai),
            codes(&|e| e.evaluation == Evaluation::KhongDat),
        ];
        for (label, list) in m.group_lines.iter().zip(lines) {
            b.push(body(format!("{label}{list}")));
        }
        b.push(body(m.group_intro.clone()));
        for (k, e) in tops.iter().enumerate() {
            indicator_section(c, m, &format!("{}.{}", gi + 1, k + 1), e, &mut b);
        }
    }
    b.push(Block::Para(Para::body(vec![Run::italic(
        m.annex_reference.clone(),
    )])));
    b.push(heading(&m.part3, true, false));
    for s in &m.part3_sections {
        let depth_italic = s.matches('.').count() >= 2;
        b.push(heading(s, !depth_italic, depth_italic));
        narrative(c, s, &mut b);
    }
    b.push(heading(&m.part4, true, false));
    narrative(c, &m.part4, &mut b);
    b.push(heading(&m.part5, true, false));
    narrative(c, &m.part5, &mut b);
    b.push(Block::Closing {
        recipients: recipients(&report_recipients(c)),
        signature: signature(info),
    });
    Document {
        file_stem: format!("Mau01-BaoCao-{}-{}", file_part(&info.don_vi.xa), info.nam),
        title: format!("Báo cáo {}", fill(&m.subject, info, &extra)),
        author: super::author(info),
        page: PageSetup::portrait(),
        blocks: b,
        date: c.info.van_ban.ngay.ymd(),
    }
}

/// The "Nơi nhận" of the commune's (or district's own) documents: hoso.toml's, else the default.
pub fn report_recipients(c: &Checked) -> Vec<String> {
    let info = &c.info;
    if info.van_ban.noi_nhan.is_empty() {
        default_recipients(info, &for_set(&c.set).mau01)
            .iter()
            .map(|r| fill(r, info, &[]))
            .collect()
    } else {
        info.van_ban.noi_nhan.clone()
    }
}

/// Mẫu 01's default "Nơi nhận": a district assessing itself sends to the province; a commune to
/// the next level of its chain (forms/chains/*.toml), else the form's own default.
fn default_recipients<'a>(
    info: &crate::inputs::dossier::DossierInfo,
    m: &'a Mau01,
) -> &'a [String] {
    use crate::inputs::dossier::Level;
    if info.cap == Level::Huyen && !m.default_recipients_huyen.is_empty() {
        return &m.default_recipients_huyen;
    }
    let chain = crate::criteria::chains::chains()
        .get(&info.quy_trinh)
        .and_then(|c| c.step(Level::Xa))
        .filter(|s| !s.recipients.is_empty());
    match chain {
        Some(s) => &s.recipients,
        None => &m.default_recipients,
    }
}

fn indicator_section(c: &Checked, m: &Mau01, num: &str, e: &Evaluated, b: &mut Vec<Block>) {
    let ind = c.set.indicator(&e.code);
    b.push(heading(
        format!("{num}. {}", m.indicator_heading.replace("{code}", &e.code)),
        true,
        true,
    ));
    let req = ind
        .map(|i| {
            if i.requirement.is_empty() {
                i.name.clone()
            } else {
                i.requirement.clone()
            }
        })
        .unwrap_or_default();
    let l = |k: usize| m.indicator_lines.get(k).cloned().unwrap_or_default();
    b.push(Block::Para(Para::body(vec![
        Run::italic(l(0)),
        Run::plain(format!(" {req}")),
    ])));
    let mut result = if e.value.is_empty() {
        "Chưa có số liệu".to_string()
    } else {
        e.value.clone()
    };
    if !e.target.is_empty() {
        result = format!("{result} (chỉ tiêu: {})", e.target);
    }
    if !e.description.is_empty() {
        result = format!("{result}. {}", e.description);
    }
    b.push(Block::Para(Para::body(vec![
        Run::italic(l(1)),
        Run::plain(format!(" {result}")),
    ])));
    for sub in c
        .evaluated
        .iter()
        .filter(|s| s.parent.as_deref() == Some(e.code.as_str()))
    {
        let v = if sub.value.is_empty() {
            "chưa có số liệu".to_string()
        } else {
            sub.value.clone()
        };
        let t = if sub.target.is_empty() {
            String::new()
        } else {
            format!(" (chỉ tiêu: {})", sub.target)
        };
        b.push(body(format!(
            "- {} {}: {v}{t} — {}",
            sub.code,
            sub.name,
            sub.evaluation.label()
        )));
    }
    let files: Vec<String> = e
        .evidence
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
        .collect();
    let ev = if files.is_empty() {
        l(2).replace("{code}", &e.code)
    } else {
        format!("{}: {}", l(2).replace("{code}", &e.code), files.join("; "))
    };
    b.push(Block::Para(Para::body(vec![Run::italic(ev)])));
    let eval = match e.evaluation {
        Evaluation::DangTrienKhai => "Không đạt (đang triển khai).".to_string(),
        x => format!("{}.", x.label()),
    };
    b.push(Block::Para(Para::body(vec![
        Run::italic(l(3)),
        Run::plain(" "),
        Run::bold(eval),
    ])));
}

/// Phụ lục 01: every indicator with group rows, in the seed's columns.
pub fn phuluc01(c: &Checked) -> Document {
    let forms = for_set(&c.set);
    let a = &forms.phuluc01;
    let info = &c.info;
    let extra = [("TITLE", c.set.title.to_uppercase())];
    let header = TableRow::header(&a.columns);
    let mut rows = Vec::new();
    let ncol = a.columns.len();
    for g in &c.set.groups {
        rows.push(TableRow::group(&g.code, &g.name, ncol));
        for e in c.evaluated.iter().filter(|e| e.group == g.code) {
            let mut note = e.note.clone();
            if e.evaluation == Evaluation::DangTrienKhai && !note.contains("Đang triển khai") {
                note = if note.is_empty() {
                    "Đang triển khai".into()
                } else {
                    format!("{note}; Đang triển khai")
                };
            }
            if let crate::evaluate::ValueSource::ListForm { form, .. } = &e.source {
                let form = match form.strip_prefix("thon:") {
                    Some(_) => "kết quả đánh giá các thôn (phụ lục các thôn)".to_string(),
                    None => format!("Mẫu {form}"),
                };
                let from = format!("ính từ {form}");
                note = if note.is_empty() {
                    format!("T{from}")
                } else {
                    format!("{note}; t{from}")
                };
            }
            let files: Vec<String> = e
                .evidence
                .iter()
                .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
                .collect();
            let ev = match files.len() {
                0 => String::new(),
                1..=3 => files.join("; "),
                n => format!("{}; và {} tệp khác", files[..2].join("; "), n - 2),
            };
            rows.push(TableRow {
                cells: vec![
                    TableCell::new(e.code.clone(), Align::Center),
                    TableCell::new(e.name.clone(), Align::Left),
                    TableCell::new(e.unit.clone(), Align::Center),
                    TableCell::new(e.target.clone(), Align::Center),
                    TableCell::new(e.value.clone(), Align::Center),
                    TableCell::new(e.evaluation.label(), Align::Center),
                    TableCell::new(ev, Align::Left),
                    TableCell::new(note, Align::Left),
                ],
                group: false,
            });
        }
    }
    let blocks = vec![
        Block::AnnexHeading {
            label: a.label.clone(),
            title: vec![fill(&a.title, info, &extra)],
            attached_to: fill(&a.attached, info, &[]),
        },
        Block::Table(Table {
            widths: a.widths.clone(),
            header: vec![header],
            rows,
            size_pt: 12.0,
        }),
        Block::Para(Para::body(vec![
            Run::plain(format!("Tổng hợp: {}. Kết quả: ", c.summary.cau_ket_luan)),
            Run::bold(c.summary.ket_luan.clone()),
        ])),
    ];
    Document {
        file_stem: format!("PhuLuc01-{}-{}", file_part(&info.don_vi.xa), info.nam),
        title: format!("{} — {}", a.label, fill(&a.title, info, &extra)),
        author: super::author(info),
        page: PageSetup::landscape(),
        blocks,
        date: c.info.van_ban.ngay.ymd(),
    }
}

//! Mẫu số 01 (the commune's self-assessment report, parts I–V with group summaries, as the seed
//! has it: no closing verdict, which belongs to Mẫu 02–04) and Phụ lục 01 (every indicator in the
//! seed's columns), for both kinds of set.

use super::annex::{self, Annex};
use super::forms::{for_set, reports, Mau01, Words};
use super::model::*;
use super::{closing, code_list, commune_header, file_part, fill, signature};
use crate::evaluate::assessed::Checked;
use crate::evaluate::{Evaluated, Evaluation, ValueSource};

fn heading(t: impl Into<String>, bold: bool, italic: bool) -> Block {
    let r = Run {
        text: t.into(),
        bold,
        italic,
    };
    Block::Para(Para::heading(vec![r]))
}

fn words() -> &'static Words {
    &reports().words
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

/// A heading and what noi-dung.md writes under it.
fn section(c: &Checked, title: &str, bold: bool, italic: bool, out: &mut Vec<Block>) {
    out.push(heading(title, bold, italic));
    narrative(c, title, out);
}

pub fn mau01(c: &Checked) -> Document {
    let m: &Mau01 = &for_set(&c.set).mau01;
    let info = &c.info;
    let extra = [
        ("title", c.set.title.clone()),
        ("cau_ket_luan", c.summary.cau_ket_luan.clone()),
    ];
    let subject = fill(&m.subject, info, &extra);
    let mut b = vec![
        Block::Header(commune_header(info)),
        Block::Title {
            kind: m.kind.clone(),
            subject: vec![subject.clone()],
        },
    ];
    preamble(c, m, &extra, &mut b);
    b.push(heading(&m.part1, true, false));
    for s in &m.part1_sections {
        section(c, s, true, false, &mut b);
    }
    b.push(heading(&m.part2, true, false));
    for (gi, g) in c.set.groups.iter().enumerate() {
        group(c, m, gi, g, &mut b);
    }
    b.push(Block::Para(Para::body(vec![Run::italic(
        m.annex_reference.clone(),
    )])));
    b.push(heading(&m.part3, true, false));
    for s in &m.part3_sections {
        let depth_italic = s.matches('.').count() >= 2;
        section(c, s, !depth_italic, depth_italic, &mut b);
    }
    section(c, &m.part4, true, false, &mut b);
    section(c, &m.part5, true, false, &mut b);
    b.push(closing(&report_recipients(c), signature(info)));
    let head = Head {
        file_stem: format!("Mau01-BaoCao-{}-{}", file_part(&info.don_vi.xa), info.nam),
        title: crate::text::fill(&words().report_title, &[("subject", subject)]),
        author: super::author(info),
        page: PageSetup::portrait(),
        date: info.van_ban.ngay.ymd(),
    };
    Document::new(head, b)
}

/// "Căn cứ …;" per legal basis (sets that cite theirs), then the form's preamble.
fn preamble(c: &Checked, m: &Mau01, extra: &[(&str, String)], b: &mut Vec<Block>) {
    let info = &c.info;
    if let Some(basis) = &m.preamble_basis {
        for l in &c.set.legal_basis {
            b.push(Block::text(fill(basis, info, &[("basis", l.clone())])));
        }
    }
    let preamble = match &m.preamble_without_huyen {
        Some(p) if info.don_vi.huyen.trim().is_empty() => p,
        _ => &m.preamble,
    };
    for p in preamble {
        b.push(Block::text(fill(p, info, extra)));
    }
}

/// Section II for one group: its indicators met, in progress, not met, then each one's section.
fn group(c: &Checked, m: &Mau01, gi: usize, g: &crate::criteria::Group, b: &mut Vec<Block>) {
    b.push(heading(format!("{}. {}", gi + 1, g.name), true, false));
    let tops: Vec<&Evaluated> = c
        .evaluated
        .iter()
        .filter(|e| e.group == g.code && e.parent.is_none())
        .collect();
    let codes = |x: Evaluation| {
        let v: Vec<&str> = tops
            .iter()
            .filter(|e| e.evaluation == x)
            .map(|e| e.code.as_str())
            .collect();
        code_list(&v)
    };
    let lines = [
        codes(Evaluation::Dat),
        codes(Evaluation::DangTrienKhai),
        codes(Evaluation::KhongDat),
    ];
    for (label, list) in m.group_lines.iter().zip(lines) {
        b.push(Block::text(format!("{label} {list}")));
    }
    b.push(Block::text(m.group_intro.clone()));
    for (k, e) in tops.iter().enumerate() {
        indicator_section(c, m, &format!("{}.{}", gi + 1, k + 1), e, b);
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

/// " (chỉ tiêu: ≥ 70%)", or nothing without a target.
fn target_note(target: &str) -> String {
    if target.is_empty() {
        String::new()
    } else {
        format!(
            " {}",
            crate::text::fill(&words().target_note, &[("target", target.into())])
        )
    }
}

/// "b) Kết quả:": the value (or that there is none), the target, the officer's description.
fn result_text(e: &Evaluated) -> String {
    let mut result = if e.value.is_empty() {
        words().no_value.clone()
    } else {
        e.value.clone()
    };
    result.push_str(&target_note(&e.target));
    if !e.description.is_empty() {
        result = format!("{result}. {}", e.description);
    }
    result
}

/// The evidence files' names, without their folders.
fn file_names(e: &Evaluated) -> Vec<String> {
    e.evidence
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
        .collect()
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
    let labelled = |label: String, text: String| {
        Block::Para(Para::body(vec![Run::italic(label), Run::plain(text)]))
    };
    b.push(labelled(l(0), format!(" {req}")));
    b.push(labelled(l(1), format!(" {}", result_text(e))));
    for sub in c
        .evaluated
        .iter()
        .filter(|s| s.parent.as_deref() == Some(e.code.as_str()))
    {
        let v = if sub.value.is_empty() {
            words().sub_no_value.clone()
        } else {
            sub.value.clone()
        };
        let pairs = [
            ("code", sub.code.clone()),
            ("name", sub.name.clone()),
            ("value", v),
            ("target", target_note(&sub.target)),
            ("evaluation", sub.evaluation.label().to_string()),
        ];
        b.push(Block::text(crate::text::fill(&words().sub_line, &pairs)));
    }
    let files = file_names(e);
    let label = l(2).replace("{code}", &e.code);
    let ev = if files.is_empty() {
        label
    } else {
        format!("{label}: {}", files.join("; "))
    };
    b.push(Block::Para(Para::body(vec![Run::italic(ev)])));
    let eval = match e.evaluation {
        Evaluation::DangTrienKhai => words().in_progress_evaluation.clone(),
        x => format!("{}.", x.label()),
    };
    b.push(Block::Para(Para::body(vec![
        Run::italic(l(3)),
        Run::plain(" "),
        Run::bold(eval),
    ])));
}

/// `s` with its first letter in upper case.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Phụ lục 01's Ghi chú: the officer's note, "Đang triển khai", the list form it is computed from.
fn note(e: &Evaluated) -> String {
    let w = words();
    let mut note = e.note.clone();
    if e.evaluation == Evaluation::DangTrienKhai && !note.contains(w.in_progress.as_str()) {
        note = if note.is_empty() {
            w.in_progress.clone()
        } else {
            format!("{note}; {}", w.in_progress)
        };
    }
    if let ValueSource::ListForm { form, .. } = &e.source {
        let form = match form.strip_prefix("thon:") {
            Some(_) => w.villages_form.clone(),
            None => crate::text::fill(&w.list_form, &[("form", form.clone())]),
        };
        let from = crate::text::fill(&w.computed_from, &[("form", form)]);
        note = if note.is_empty() {
            upper_first(&from)
        } else {
            format!("{note}; {from}")
        };
    }
    note
}

/// Phụ lục 01's Tài liệu minh chứng: up to three names, else two and how many more.
fn evidence_cell(e: &Evaluated) -> String {
    let files = file_names(e);
    match files.len() {
        0 => String::new(),
        1..=3 => files.join("; "),
        n => {
            let more = crate::text::fill(&words().more_files, &[("n", (n - 2).to_string())]);
            format!("{}; {more}", files[..2].join("; "))
        }
    }
}

/// Phụ lục 01: every indicator with group rows, in the seed's columns.
pub fn phuluc01(c: &Checked) -> Document {
    let a = &for_set(&c.set).phuluc01;
    let info = &c.info;
    let extra = [("TITLE", c.set.title.to_uppercase())];
    let rows = annex::grouped(
        &c.set.groups,
        &c.evaluated,
        a.columns.len(),
        |e| e.group.as_str(),
        |e| {
            vec![
                TableCell::new(e.code.clone(), Align::Center),
                TableCell::new(e.name.clone(), Align::Left),
                TableCell::new(e.unit.clone(), Align::Center),
                TableCell::new(e.target.clone(), Align::Center),
                TableCell::new(e.value.clone(), Align::Center),
                TableCell::new(e.evaluation.label(), Align::Center),
                TableCell::new(evidence_cell(e), Align::Left),
                TableCell::new(note(e), Align::Left),
            ]
        },
    );
    let parts = Annex {
        label: a.label.clone(),
        title: fill(&a.title, info, &extra),
        attached_to: fill(&a.attached, info, &[]),
        columns: &a.columns,
        widths: a.widths.clone(),
        rows,
        summary: &c.summary,
    };
    let stem = format!("PhuLuc01-{}-{}", file_part(&info.don_vi.xa), info.nam);
    annex::document(parts, stem, super::author(info), info.van_ban.ngay.ymd())
}

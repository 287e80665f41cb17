//! Mẫu 02 and 04 (reports) and Mẫu 03 (a letter): the same parts after their header — section I
//! on the package received, section II group by group, the conclusion and the verdict — each with
//! what the level's noi-dung says under the part's heading.

use super::forms::{levels, Report};
use super::{agency_header, district_agency, received, Ctx};
use crate::document::forms::common;
use crate::document::model::*;
use crate::document::{closing, code_list, number_text, signature};
use crate::evaluate::appraise::Row;
use crate::evaluate::Evaluation;
use crate::inputs::procedure;
use crate::text::fill;

/// A Roman-numbered part: the seed's words, upper case as Nghị định 30 asks.
fn part(t: &str) -> Block {
    Block::Para(Para::heading(vec![Run::bold(t.to_uppercase())]))
}

fn narrative(ctx: &Ctx, title: &str, out: &mut Vec<Block>) {
    if let Some(paras) = ctx.narrative.and_then(|n| n.section(title)) {
        out.extend(paras.iter().map(|p| Block::text(p.clone())));
    }
}

/// A part's heading and what the level's noi-dung says under it.
fn part_with_text(ctx: &Ctx, t: &str, out: &mut Vec<Block>) {
    let title = ctx.f(t);
    out.push(part(&title));
    narrative(ctx, &title, out);
}

/// The codes of a group's top-level indicators that `f` picks: "1.1, 1.2 (2 chỉ tiêu)" or "Không".
fn codes(in_group: &[&Row], f: impl Fn(&Row) -> bool) -> String {
    let v: Vec<&str> = in_group
        .iter()
        .filter(|r| r.parent.is_none() && f(r))
        .map(|r| r.code.as_str())
        .collect();
    code_list(&v)
}

/// Section II: per group, the indicators met, not met, and those whose figure differs below.
fn groups(ctx: &Ctx, muc: &str, duoi: &str, out: &mut Vec<Block>) {
    let lc = &levels().common;
    let use_seed = ctx.set.kind == crate::criteria::SetKind::Cds
        && ctx.set.groups.len() == lc.group_headings.len();
    for (gi, g) in ctx.set.groups.iter().enumerate() {
        let name = if use_seed {
            lc.group_headings[gi].clone()
        } else {
            g.name.clone()
        };
        out.push(Block::Para(Para::heading(vec![Run::bold(format!(
            "{}. {name}",
            gi + 1
        ))])));
        let in_group: Vec<&Row> = ctx.rows.iter().filter(|r| r.group == g.code).collect();
        let met = codes(&in_group, |r| r.evaluation == Evaluation::Dat);
        out.push(Block::text(format!("{} {met}", lc.line_dat)));
        let not_met = codes(&in_group, |r| {
            matches!(
                r.evaluation,
                Evaluation::KhongDat | Evaluation::DangTrienKhai
            )
        });
        out.push(Block::text(format!("{} {not_met}", lc.line_khong_dat)));
        let diffs: Vec<String> = in_group
            .iter()
            .filter(|r| r.differs)
            .map(|r| {
                let pairs = [
                    ("code", r.code.clone()),
                    ("value", r.value.clone()),
                    ("lower", r.lower_value.clone()),
                ];
                fill(&lc.differs, &pairs)
            })
            .collect();
        let label = super::fill(
            &lc.line_khac,
            &[("muc", muc.to_string()), ("duoi", duoi.to_string())],
        );
        let list = if diffs.is_empty() {
            common().none.clone()
        } else {
            diffs.join("; ")
        };
        out.push(Block::text(format!("{label} {list}")));
    }
}

/// The parts shared by Mẫu 02, 03 and 04 after the preamble.
fn body(ctx: &Ctx, m: &Report, out: &mut Vec<Block>) {
    let step = procedure::step(ctx.info);
    out.push(Block::text(ctx.f(&m.preamble)));
    out.push(part(&ctx.f(&m.part1)));
    out.extend(received::blocks(ctx));
    narrative(ctx, &ctx.f(&m.part1), out);
    out.push(part(&ctx.f(&m.part2)));
    groups(ctx, &step.muc, &step.duoi, out);
    narrative(ctx, &ctx.f(&m.part2), out);
    if !m.annex_reference.is_empty() {
        out.push(Block::Para(Para::body(vec![Run::italic(
            m.annex_reference.clone(),
        )])));
    }
    part_with_text(ctx, &m.part3, out);
    out.push(part(&ctx.f(&m.part4)));
    out.push(Block::text(ctx.f(&m.conclusion)));
    let ok = if ctx.summary.dat_yeu_cau {
        &m.dat
    } else {
        &m.khong_dat
    };
    out.push(Block::Para(Para::body(vec![
        Run::plain(m.result.clone()),
        Run::bold(ok.clone()),
    ])));
    narrative(ctx, &ctx.f(&m.part4), out);
    part_with_text(ctx, &m.part5, out);
}

/// Nơi nhận: hoso.toml's, else the chain's for this level.
fn recipients_of(ctx: &Ctx) -> Vec<String> {
    if ctx.info.van_ban.noi_nhan.is_empty() {
        procedure::step(ctx.info)
            .recipients
            .iter()
            .map(|r| ctx.f(r))
            .collect()
    } else {
        ctx.info.van_ban.noi_nhan.clone()
    }
}

/// A report (Mẫu 02, 04): header, type and subject, the shared parts, the closing.
fn report(ctx: &Ctx, m: &Report, header: HeaderBlock, stem: String) -> Document {
    let subject = ctx.f(&m.subject);
    let mut b = vec![
        Block::Header(header),
        Block::Title {
            kind: m.kind.clone(),
            subject: vec![subject.clone()],
        },
    ];
    body(ctx, m, &mut b);
    b.push(closing(&recipients_of(ctx), signature(ctx.info)));
    let head = Head {
        file_stem: stem,
        title: format!("{} {subject} — {} {}", m.kind, ctx.c.loai, ctx.c.xa),
        author: ctx.author(),
        page: PageSetup::portrait(),
        date: ctx.date(),
    };
    Document::new(head, b)
}

/// Mẫu số 02: the district's appraisal report for one commune.
pub fn mau02(ctx: &Ctx) -> Document {
    let agency = district_agency(&ctx.info.don_vi.huyen).to_uppercase();
    let number = number_text(&ctx.info.van_ban.so);
    let header = crate::document::header(ctx.info, String::new(), vec![agency], &number, None);
    report(ctx, &levels().mau02, header, ctx.stem("Mau02-ThamDinh"))
}

/// Mẫu số 04: the Sở's verification report for one commune.
pub fn mau04(ctx: &Ctx) -> Document {
    let header = agency_header(ctx.info, &ctx.pairs(), None);
    report(ctx, &levels().mau04, header, ctx.stem("Mau04-ThamTra"))
}

/// "Kính gửi: …": hoso.toml's lines (the first one starting with "Kính gửi"), else the form's.
fn addressed(ctx: &Ctx, m: &Report) -> Vec<String> {
    if ctx.info.van_ban.kinh_gui.is_empty() {
        return vec![ctx.f(&m.kinh_gui)];
    }
    let to = &common().addressed_to;
    let mut v = ctx.info.van_ban.kinh_gui.clone();
    if let Some(first) = v.first_mut() {
        if !first.starts_with(to.as_str()) {
            *first = format!("{to}: {first}");
        }
    }
    v
}

/// Mẫu số 03: a steering-committee member's letter on one commune, from the district's figures.
pub fn mau03(ctx: &Ctx) -> Document {
    let m = &levels().mau03;
    let header = agency_header(ctx.info, &ctx.pairs(), Some(ctx.f(&m.vv)));
    let mut b = vec![
        Block::Header(header),
        Block::Recipients {
            lines: addressed(ctx, m),
        },
    ];
    body(ctx, m, &mut b);
    let sig = Signature {
        authority: m.signer_authority.clone(),
        title: m.signer_title.clone(),
        hint: m.signer_hint.clone(),
        name: ctx.info.nguoi_ky.ho_ten.clone(),
    };
    b.push(closing(&recipients_of(ctx), sig));
    let head = Head {
        file_stem: ctx.stem("Mau03-YKien"),
        title: ctx.f(&m.vv),
        author: ctx.author(),
        page: PageSetup::portrait(),
        date: ctx.date(),
    };
    Document::new(head, b)
}

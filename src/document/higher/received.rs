//! Section I of Mẫu 02–04: what was received (the commune's package, and the district's when the
//! commune's came through it) and what verifying it found — files matching the bảng kê, evidence,
//! signatures, the package's hash, the problems the commune's own check left.

use super::forms::levels;
use super::{short_date, Ctx};
use crate::document::model::{Align, Block, Para, Run};
use crate::inputs::received::{self as received, district_label};
use crate::text::fill;

/// Up to five items, then how many more.
fn list(v: &[String]) -> String {
    let mut s = v.iter().take(5).cloned().collect::<Vec<_>>().join("; ");
    if v.len() > 5 {
        let more = fill(&levels().received.more, &[("n", (v.len() - 5).to_string())]);
        s.push_str(&format!("; {more}"));
    }
    s
}

/// The paragraphs of section I, in order.
pub fn blocks(ctx: &Ctx) -> Vec<Block> {
    let r = &levels().received;
    let c = ctx.c;
    let k = &c.checked;
    let mut out = Vec::new();
    if let Some(d) = &c.district {
        let pairs = [
            ("loai", c.loai.clone()),
            ("xa", c.xa.clone()),
            ("huyen_label", district_label(&d.huyen)),
            ("so", d.so.clone()),
            ("ngay", short_date(&d.ngay)),
            ("goi", d.zip_name.clone()),
            ("tep", d.checked.files.to_string()),
        ];
        out.push(Block::text(fill(&r.district, &pairs)));
    }
    let pairs = [
        ("loai", c.loai.clone()),
        ("xa", c.xa.clone()),
        ("so", c.so.clone()),
        ("ngay", short_date(&c.ngay)),
        ("goi", c.zip_name.clone()),
        ("tep", k.files.to_string()),
        ("minh_chung", k.evidence.to_string()),
        ("da_ky", k.signed_pdfs.to_string()),
        ("chua_ky", k.unsigned_pdfs.to_string()),
    ];
    out.push(Block::text(fill(&r.commune, &pairs)));
    out.push(Block::text(signatures(k)));
    // A 64-digit word cannot be justified: left-aligned.
    let sha = fill(&r.sha256, &[("sha256", k.sha256.clone())]);
    out.push(Block::Para(Para {
        align: Align::Left,
        ..Para::body(vec![Run::plain(sha)])
    }));
    for (problems, template) in [(&c.errors, &r.errors), (&c.warnings, &r.warnings)] {
        if !problems.is_empty() {
            let pairs = [
                ("n", problems.len().to_string()),
                ("danh_sach", list(problems)),
            ];
            out.push(Block::text(fill(template, &pairs)));
        }
    }
    out
}

/// How many of the commune's documents and evidence PDFs are signed, and by whom.
fn signatures(k: &received::Checked) -> String {
    let r = &levels().received;
    let (signed, unsigned): (Vec<_>, Vec<_>) = k.documents.iter().partition(|(_, s)| !s.is_empty());
    let mut parts: Vec<String> = signed
        .iter()
        .map(|(n, s)| format!("{n} ({})", crate::evidence::signers::summary(s)))
        .collect();
    if !unsigned.is_empty() {
        let names: Vec<&str> = unsigned.iter().map(|(n, _)| n.as_str()).collect();
        parts.push(fill(&r.unsigned, &[("ten", names.join(", "))]));
    }
    let pairs = [
        ("da_ky", signed.len().to_string()),
        ("van_ban", k.documents.len().to_string()),
        ("danh_sach", parts.join("; ")),
        ("minh_chung_da_ky", k.evidence_signed.to_string()),
        ("minh_chung_pdf", k.evidence_pdfs.to_string()),
    ];
    fill(&r.signatures, &pairs)
}

//! Empty signature fields at the places Nghị định 30/2020 (Phụ lục I) gives the signatures, so that
//! a signing tool that signs an existing field (pyHanko `--field`, vSignPDF, Acrobat) puts each one
//! where it belongs:
//!
//! - a report (Mẫu 01–04) gets the signer's field at box 7b (between the title and the name, in the
//!   30 mm left for it) and the organisation's field at box 8 (the seal, over the left third of 7b);
//! - a separate annex, a list form and the bảng kê get the organisation's field in the free
//!   top-right corner of page 1.
//!
//! typst cannot make AcroForm fields, so the typst source carries invisible markers (a labelled
//! `metadata` inside a fixed-size block at each place, see [`gap_7b`], [`corner`]); after layout their
//! page and position are read from the document's introspector ([`places`]) and the fields are
//! added to the exported PDF/A-2b as an incremental update of hoso's own (`update`,
//! [`add_fields`]): new widget objects (print flag, an empty appearance stream, as PDF/A asks), the
//! page with `/Annots`, the catalog with `/AcroForm`, a cross-reference section and a trailer with
//! `/Prev`. Same input, same bytes. Sizes and names come from `forms/layout/chu-ky.toml` (which
//! also holds ho-so.xml's fixed values); the rooms they go in, from `forms/layout.toml`.

mod update;

pub use update::{add_fields, page_count};

use crate::document::model::{Block, Document};
use serde::Deserialize;
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

const MM: f64 = 72.0 / 25.4;
/// The label of every marker in the typst source.
const LABEL: &str = "hoso-ky";

#[derive(Clone, Debug, Deserialize)]
pub struct FieldSpec {
    pub ten: String,
    pub rong_mm: f64,
    pub cao_mm: f64,
    #[serde(default)]
    pub chong_len: f64,
    #[serde(default)]
    pub tien_to: Vec<String>,
}

/// Fixed values of ho-so.xml (package/hoso_xml.rs), kept with the other layout data.
#[derive(Clone, Debug, Deserialize)]
pub struct XmlValues {
    pub thoi_han_bao_quan: String,
    pub che_do_su_dung: String,
    pub ngon_ngu: String,
    /// The dossier's Title and Description, as templates.
    pub tieu_de: String,
    pub mo_ta: String,
    /// TypeName by file-stem prefix, and for any other document.
    pub loai_van_ban: Vec<(String, String)>,
    pub loai_khac: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Layout {
    pub nguoi_ky: FieldSpec,
    pub co_quan: FieldSpec,
    pub goc_tren_phai: FieldSpec,
    pub ho_so_xml: XmlValues,
}

/// `forms/layout/chu-ky.toml`.
pub static SIGNATURES: crate::forms::Table<Layout> = crate::forms::Table::new("layout/chu-ky.toml");

/// The signature-field layout data, loaded once.
pub fn layout() -> &'static Layout {
    SIGNATURES.get()
}

/// The names of the fields a signed document may carry (for messages and the README).
pub fn field_names() -> Vec<String> {
    let l = layout();
    let mut v = vec![l.nguoi_ky.ten.clone(), l.co_quan.ten.clone()];
    if !v.contains(&l.goc_tren_phai.ten) {
        v.push(l.goc_tren_phai.ten.clone());
    }
    v
}

fn marker(kind: &str, height_mm: f64, above: &str, below: &str) -> String {
    format!(
        "#block(width: 100%, height: {height_mm}mm, above: {above}, below: {below})[#layout(size => [#metadata((kind: \"{kind}\", w: size.width.pt(), h: size.height.pt())) <{LABEL}>])]"
    )
}

/// The 30 mm gap of the signature block (boxes 7b and 8), marked.
pub fn gap_7b() -> String {
    marker(
        "7b",
        crate::document::style::layout().signature_room_mm as f64,
        "0pt",
        "0pt",
    )
}

/// The free top-right corner of an annex's first page, marked (the field's height and a gap).
pub fn corner() -> String {
    marker("goc", corner_height_mm(), "0pt", "0pt")
}

/// The height kept free above page 1's first line for the corner field: the field and a gap
/// (the DOCX keeps the same room, so both print the same pages).
pub fn corner_height_mm() -> f64 {
    crate::document::style::layout().annex_corner_mm as f64
}

/// Whether the organisation signs `doc` at the top right of page 1 rather than at box 8.
pub fn is_corner_doc(doc: &Document) -> bool {
    let has = |f: fn(&Block) -> bool| doc.blocks.iter().any(f);
    has(|b| matches!(b, Block::AnnexHeading { .. }))
        || !has(|b| matches!(b, Block::Closing { .. }))
        || layout()
            .goc_tren_phai
            .tien_to
            .iter()
            .any(|p| doc.file_stem.starts_with(p.as_str()))
}

/// Source put before the first block: a document signed at the corner whose page 1 starts with the
/// header block (list forms, the bảng kê) keeps that corner free above the header.
pub fn top_reserve(doc: &Document) -> String {
    let starts_with_header = matches!(doc.blocks.first(), Some(Block::Header(_)));
    if is_corner_doc(doc) && starts_with_header {
        format!("{}\n", corner())
    } else {
        String::new()
    }
}

/// One empty signature field: its name, 1-based page and rectangle in PDF points (origin bottom
/// left: x0, y0, x1, y1).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: String,
    pub page: usize,
    pub rect: [f64; 4],
}

struct Marker {
    kind: String,
    page: usize,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

fn markers(doc: &PagedDocument) -> Vec<Marker> {
    let Some(label) = Label::new(PicoStr::intern(LABEL)) else {
        return Vec::new();
    };
    let intro = doc.introspector();
    let mut out = Vec::new();
    for content in intro.query(&Selector::Label(label)).iter() {
        let (Some(loc), Some(meta)) = (content.location(), content.to_packed::<MetadataElem>())
        else {
            continue;
        };
        let Some(pos) = intro.position(loc) else {
            continue;
        };
        let Value::Dict(d) = &meta.value else {
            continue;
        };
        let num = |k: &str| match d.get(k) {
            Ok(Value::Float(f)) => *f,
            Ok(Value::Int(i)) => *i as f64,
            _ => 0.0,
        };
        let kind = match d.get("kind") {
            Ok(Value::Str(s)) => s.as_str().to_string(),
            _ => continue,
        };
        out.push(Marker {
            kind,
            page: pos.page.get(),
            x: pos.point.x.to_pt(),
            y: pos.point.y.to_pt(),
            w: num("w"),
            h: num("h"),
        });
    }
    out
}

/// Where the fields go in a laid-out document: the corner field when the source has a corner
/// marker (first one, page 1), else boxes 7b and 8 from the last signature-block marker.
pub fn places(doc: &PagedDocument) -> Vec<Place> {
    let l = layout();
    let marks = markers(doc);
    let page_height = |p: usize| {
        doc.pages()
            .get(p.saturating_sub(1))
            .map(|pg| pg.frame.height().to_pt())
            .unwrap_or(841.89)
    };
    // Top-left (x, top) and size → PDF rectangle.
    let rect = |p: usize, x: f64, top: f64, w: f64, h: f64| {
        let ph = page_height(p);
        [x, ph - top - h, x + w, ph - top].map(|v| (v * 100.0).round() / 100.0)
    };
    if let Some(m) = marks.iter().find(|m| m.kind == "goc") {
        let s = &l.goc_tren_phai;
        let (w, h) = ((s.rong_mm * MM).min(m.w), (s.cao_mm * MM).min(m.h));
        return vec![Place {
            name: s.ten.clone(),
            page: m.page,
            rect: rect(m.page, m.x + m.w - w, m.y, w, h),
        }];
    }
    let Some(m) = marks.iter().rev().find(|m| m.kind == "7b") else {
        return Vec::new();
    };
    let (sig, seal) = (&l.nguoi_ky, &l.co_quan);
    let (sw, sh) = ((sig.rong_mm * MM).min(m.w), (sig.cao_mm * MM).min(m.h));
    let sx = m.x + (m.w - sw) / 2.0;
    let stop = m.y + (m.h - sh) / 2.0;
    let (ew, eh) = ((seal.rong_mm * MM).min(m.w), (seal.cao_mm * MM).min(m.h));
    let ex = (sx + sw * seal.chong_len - ew).max(m.x);
    let etop = m.y + (m.h - eh) / 2.0;
    vec![
        Place {
            name: sig.ten.clone(),
            page: m.page,
            rect: rect(m.page, sx, stop, sw, sh),
        },
        Place {
            name: seal.ten.clone(),
            page: m.page,
            rect: rect(m.page, ex, etop, ew, eh),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_data_loads() {
        let l = layout();
        assert_eq!(l.nguoi_ky.ten, "NguoiKy");
        assert!(l.co_quan.chong_len > 0.3 && l.co_quan.chong_len < 0.34);
        assert_eq!(field_names(), vec!["NguoiKy", "CoQuan"]);
    }

    fn rendered_places(doc: &Document) -> Vec<(String, [f64; 4])> {
        let pdf = crate::render::pdf::render_pdf(doc).unwrap();
        let p = update::parse_xref(&pdf).unwrap();
        assert!(p.trailer.windows(5).any(|w| w == b"/Prev"), "an update");
        let text = String::from_utf8_lossy(&pdf).into_owned();
        text.match_indices("/FT /Sig /T (")
            .map(|(i, _)| {
                let rest = &text[i + 13..];
                let name = rest[..rest.find(')').unwrap()].to_string();
                let r = &rest[rest.find("/Rect [").unwrap() + 7..];
                let v: Vec<f64> = r[..r.find(']').unwrap()]
                    .split(' ')
                    .map(|x| x.parse().unwrap())
                    .collect();
                (name, [v[0], v[1], v[2], v[3]])
            })
            .collect()
    }

    #[test]
    fn a_report_gets_the_signer_at_7b_and_the_seal_over_its_left_third() {
        let mut doc = crate::document::sample::sample();
        doc.blocks
            .retain(|b| !matches!(b, Block::AnnexHeading { .. }));
        assert!(!is_corner_doc(&doc));
        let f = rendered_places(&doc);
        assert_eq!(f.len(), 2, "{f:?}");
        let (sig, seal) = (&f[0], &f[1]);
        assert_eq!((sig.0.as_str(), seal.0.as_str()), ("NguoiKy", "CoQuan"));
        let [x0, y0, x1, y1] = sig.1;
        assert!((x1 - x0 - 50.0 * MM).abs() < 0.05 && (y1 - y0 - 26.0 * MM).abs() < 0.05);
        // Right column of the signature block (45 % of the 165 mm text width from the 30 mm margin).
        assert!(x0 > (30.0 + 0.45 * 165.0) * MM && x1 < (210.0 - 15.0) * MM);
        let third = x0 + (x1 - x0) / 3.0;
        assert!(seal.1[0] < x0 && seal.1[2] > x0 && (seal.1[2] - third).abs() < 0.05);
        assert_eq!((seal.1[1], seal.1[3]), (y0, y1));
    }

    #[test]
    fn an_annex_gets_the_organisation_at_the_top_right_of_page_1() {
        let doc = crate::document::sample::sample();
        assert!(is_corner_doc(&doc));
        let f = rendered_places(&doc);
        assert_eq!(f.len(), 1, "{f:?}");
        let [x0, y0, x1, y1] = f[0].1;
        let (w, h) = (210.0 * MM, 297.0 * MM);
        assert!((x1 - (w - 15.0 * MM)).abs() < 0.5, "right margin: {x1}");
        assert!((x1 - x0 - 60.0 * MM).abs() < 0.05 && (y1 - y0 - 15.0 * MM).abs() < 0.05);
        assert!((y1 - (h - 20.0 * MM)).abs() < 0.5, "top margin: {y1}");
        // Byte-identical again.
        assert_eq!(
            crate::render::pdf::render_pdf(&doc).unwrap(),
            crate::render::pdf::render_pdf(&doc).unwrap()
        );
    }
}

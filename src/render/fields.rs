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
//! added to the exported PDF/A-2b as an incremental update of hoso's own ([`add_fields`]): new widget
//! objects (print flag, an empty appearance stream, as PDF/A asks), the page with `/Annots`, the
//! catalog with `/AcroForm`, a cross-reference section and a trailer with `/Prev`. Same input, same
//! bytes. Sizes and names come from `forms/layout/chu-ky.toml` (which also holds ho-so.xml's fixed
//! values).

use crate::document::model::{Block, Document};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::evidence::pdfobj::*;

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

// ---------------------------------------------------------------------------
// Reading hoso's own PDF (typst/krilla output: classic cross-reference table)

struct Parsed<'a> {
    offsets: BTreeMap<u64, usize>,
    trailer: &'a [u8],
    startxref: usize,
}

/// One classic cross-reference section at `off`: its entries (not overriding those already in
/// `offsets`, which are newer) and its trailer dictionary.
fn xref_section<'a>(
    pdf: &'a [u8],
    off: usize,
    offsets: &mut BTreeMap<u64, usize>,
) -> Option<&'a [u8]> {
    let mut i = skip_ws(pdf, off);
    if !pdf.get(i..)?.starts_with(b"xref") {
        return None;
    }
    i += 4;
    loop {
        i = skip_ws(pdf, i);
        if pdf.get(i..)?.starts_with(b"trailer") {
            i += 7;
            break;
        }
        let (first, j) = int_at(pdf, i)?;
        let (count, j) = int_at(pdf, j)?;
        i = j;
        for n in 0..count {
            let (o, j) = int_at(pdf, i)?;
            let (_, j) = int_at(pdf, j)?;
            let j = skip_ws(pdf, j);
            if *pdf.get(j)? == b'n' {
                offsets.entry(first + n).or_insert(o as usize);
            }
            i = j + 1;
        }
    }
    let t0 = skip_ws(pdf, i);
    let t1 = dict_end(pdf, t0)?;
    Some(&pdf[t0..t1])
}

/// The last cross-reference section and those it chains to with `/Prev` (hoso's own update).
fn parse_xref(pdf: &[u8]) -> Option<Parsed<'_>> {
    let sx = pdf.windows(9).rposition(|w| w == b"startxref")?;
    let off = int_at(pdf, sx + 9)?.0 as usize;
    let mut offsets = BTreeMap::new();
    let trailer = xref_section(pdf, off, &mut offsets)?;
    let mut prev = dict_int(trailer, "Prev");
    let mut hops = 0;
    while let Some(p) = prev {
        hops += 1;
        if hops > 64 {
            return None;
        }
        let t = xref_section(pdf, p as usize, &mut offsets)?;
        prev = dict_int(t, "Prev");
    }
    Some(Parsed {
        offsets,
        trailer,
        startxref: off,
    })
}

fn dict_int(dict: &[u8], key: &str) -> Option<u64> {
    int_at(dict, key_pos(dict, key)?).map(|(n, _)| n)
}

/// The dictionary of object `n` (an object that is a dictionary, not a stream's data).
fn object_dict<'a>(pdf: &'a [u8], p: &Parsed, n: u64) -> Option<&'a [u8]> {
    let off = *p.offsets.get(&n)?;
    let (num, j) = int_at(pdf, off)?;
    let (_, j) = int_at(pdf, j)?;
    let j = skip_ws(pdf, j);
    if num != n || !pdf.get(j..)?.starts_with(b"obj") {
        return None;
    }
    let d0 = skip_ws(pdf, j + 3);
    let d1 = dict_end(pdf, d0)?;
    Some(&pdf[d0..d1])
}

/// The page objects in order (page tree walked depth first).
fn page_ids(pdf: &[u8], p: &Parsed, root: u64) -> Option<Vec<u64>> {
    let cat = object_dict(pdf, p, root)?;
    let mut out = Vec::new();
    let mut stack = vec![dict_ref(cat, "Pages")?];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > 100_000 {
            return None;
        }
        let d = object_dict(pdf, p, n)?;
        match dict_array(d, "Kids") {
            Some((_, kids)) => stack.extend(refs_in(kids).into_iter().rev()),
            None => out.push(n),
        }
    }
    Some(out)
}

/// Number of pages of a PDF hoso wrote (`None` for a file it cannot read this way).
pub fn page_count(pdf: &[u8]) -> Option<usize> {
    let p = parse_xref(pdf)?;
    let root = dict_ref(p.trailer, "Root")?;
    Some(page_ids(pdf, &p, root)?.len())
}

fn insert_before_end(dict: &[u8], extra: &str) -> Vec<u8> {
    let mut v = dict[..dict.len() - 2].to_vec();
    v.push(b' ');
    v.extend_from_slice(extra.as_bytes());
    v.extend_from_slice(b">>");
    v
}

fn with_annots(dict: &[u8], refs: &str) -> Result<Vec<u8>, String> {
    if let Some((i, _)) = dict_array(dict, "Annots") {
        let mut v = dict[..=i].to_vec();
        v.extend_from_slice(refs.as_bytes());
        v.push(b' ');
        v.extend_from_slice(&dict[i + 1..]);
        return Ok(v);
    }
    if key_pos(dict, "Annots").is_some() {
        return Err("trang PDF có /Annots gián tiếp".into());
    }
    Ok(insert_before_end(dict, &format!("/Annots [{refs}]")))
}

fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Adds `places` as empty signature fields to a PDF that typst exported, as one incremental
/// update. No places: the bytes unchanged.
pub fn add_fields(pdf: Vec<u8>, places: &[Place]) -> Result<Vec<u8>, String> {
    if places.is_empty() {
        return Ok(pdf);
    }
    let bad = |what: &str| format!("không thêm được ô chữ ký số vào PDF: {what}");
    let p = parse_xref(&pdf).ok_or_else(|| bad("bảng tham chiếu chéo không đọc được"))?;
    let size = int_at(
        p.trailer,
        key_pos(p.trailer, "Size").ok_or_else(|| bad("thiếu /Size"))?,
    )
    .ok_or_else(|| bad("/Size"))?
    .0;
    let root = dict_ref(p.trailer, "Root").ok_or_else(|| bad("thiếu /Root"))?;
    if key_pos(
        object_dict(&pdf, &p, root).ok_or_else(|| bad("catalog"))?,
        "AcroForm",
    )
    .is_some()
    {
        return Err(bad("tệp đã có /AcroForm"));
    }
    let pages = page_ids(&pdf, &p, root).ok_or_else(|| bad("cây trang"))?;
    let mut objects: BTreeMap<u64, Vec<u8>> = BTreeMap::new();
    let mut next = size;
    let mut fields = Vec::new();
    let mut annots: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for pl in places {
        let page = *pages
            .get(pl.page.saturating_sub(1))
            .ok_or_else(|| bad("trang không có"))?;
        let (widget, ap) = (next, next + 1);
        next += 2;
        let [x0, y0, x1, y1] = pl.rect;
        let (w, h) = (num(x1 - x0), num(y1 - y0));
        objects.insert(
            ap,
            format!("<</Type /XObject /Subtype /Form /BBox [0 0 {w} {h}] /Resources <<>> /Length 0>>\nstream\n\nendstream").into_bytes(),
        );
        objects.insert(
            widget,
            format!(
                "<</Type /Annot /Subtype /Widget /FT /Sig /T ({}) /F 4 /Rect [{} {} {} {}] /P {page} 0 R /AP <</N {ap} 0 R>>>>",
                pl.name, num(x0), num(y0), num(x1), num(y1)
            )
            .into_bytes(),
        );
        fields.push(format!("{widget} 0 R"));
        annots
            .entry(page)
            .or_default()
            .push(format!("{widget} 0 R"));
    }
    for (page, refs) in &annots {
        let d = object_dict(&pdf, &p, *page).ok_or_else(|| bad("trang"))?;
        objects.insert(*page, with_annots(d, &refs.join(" ")).map_err(|e| bad(&e))?);
    }
    let cat = object_dict(&pdf, &p, root).ok_or_else(|| bad("catalog"))?;
    objects.insert(
        root,
        insert_before_end(
            cat,
            &format!("/AcroForm <</Fields [{}]>>", fields.join(" ")),
        ),
    );
    let mut out = pdf.clone();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets = BTreeMap::new();
    for (n, body) in &objects {
        offsets.insert(*n, out.len());
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut x = String::from("xref\n");
    let ids: Vec<u64> = offsets.keys().copied().collect();
    let mut k = 0;
    while k < ids.len() {
        let mut e = k;
        while e + 1 < ids.len() && ids[e + 1] == ids[e] + 1 {
            e += 1;
        }
        let _ = writeln!(x, "{} {}", ids[k], e - k + 1);
        for id in &ids[k..=e] {
            let _ = write!(x, "{:010} 00000 n\r\n", offsets[id]);
        }
        k = e + 1;
    }
    let mut trailer = format!("trailer\n<</Size {next} /Root {root} 0 R");
    if let Some(info) = dict_ref(p.trailer, "Info") {
        let _ = write!(trailer, " /Info {info} 0 R");
    }
    if let Some(i) = key_pos(p.trailer, "ID") {
        let i = skip_ws(p.trailer, i);
        if let Some(e) = p.trailer[i..].iter().position(|&b| b == b']') {
            let _ = write!(
                trailer,
                " /ID {}",
                String::from_utf8_lossy(&p.trailer[i..=i + e])
            );
        }
    }
    let _ = write!(
        trailer,
        " /Prev {}>>\nstartxref\n{xref}\n%%EOF\n",
        p.startxref
    );
    out.extend_from_slice(x.as_bytes());
    out.extend_from_slice(trailer.as_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Vec<u8> {
        let objs = [
            "<</Type /Catalog /Pages 2 0 R /Lang (vi)>>",
            "<</Type /Pages /Kids [3 0 R] /Count 1>>",
            "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources <</Font <<>>>>>>",
        ];
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offs = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offs.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let x = out.len();
        out.extend_from_slice(b"xref\n0 4\n0000000000 65535 f\r\n");
        for o in offs {
            out.extend_from_slice(format!("{o:010} 00000 n\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<</Size 4 /Root 1 0 R /ID [<AB> <AB>]>>\nstartxref\n{x}\n%%EOF")
                .as_bytes(),
        );
        out
    }

    #[test]
    fn layout_data_loads() {
        let l = layout();
        assert_eq!(l.nguoi_ky.ten, "NguoiKy");
        assert!(l.co_quan.chong_len > 0.3 && l.co_quan.chong_len < 0.34);
        assert_eq!(field_names(), vec!["NguoiKy", "CoQuan"]);
    }

    #[test]
    fn fields_are_an_incremental_update_with_widgets() {
        let pdf = tiny();
        let places = vec![Place {
            name: "CoQuan".into(),
            page: 1,
            rect: [382.68, 722.83, 552.76, 765.35],
        }];
        let out = add_fields(pdf.clone(), &places).unwrap();
        assert!(
            out.starts_with(&pdf),
            "the original bytes stay the first revision"
        );
        let tail = String::from_utf8_lossy(&out[pdf.len()..]).into_owned();
        assert!(tail.contains("/FT /Sig /T (CoQuan) /F 4 /Rect [382.68 722.83 552.76 765.35] /P 3 0 R /AP <</N 5 0 R>>"), "{tail}");
        assert!(tail.contains("/Annots [4 0 R]"));
        assert!(tail.contains("/AcroForm <</Fields [4 0 R]>>"));
        assert!(tail.contains("/Size 6 /Root 1 0 R /ID [<AB> <AB>] /Prev "));
        // The new section is readable again and points at the new objects.
        let p = parse_xref(&out).unwrap();
        assert_eq!(p.offsets.len(), 5, "old and new sections merged");
        assert_eq!(page_count(&out), Some(1));
        assert!(object_dict(&out, &p, 1)
            .unwrap()
            .starts_with(b"<</Type /Catalog"));
        assert!(add_fields(out.clone(), &places).is_err());
        assert_eq!(page_count(&pdf), Some(1));
        // Deterministic, and no places → unchanged.
        assert_eq!(out, add_fields(pdf.clone(), &places).unwrap());
        assert_eq!(add_fields(pdf.clone(), &[]).unwrap(), pdf);
    }

    fn rendered_places(doc: &Document) -> Vec<(String, [f64; 4])> {
        let pdf = crate::render::pdf::render_pdf(doc).unwrap();
        let p = parse_xref(&pdf).unwrap();
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
        let mut doc = crate::document::model::sample();
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
        let doc = crate::document::model::sample();
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

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let places = vec![Place {
            name: "X".into(),
            page: 1,
            rect: [0.0, 0.0, 1.0, 1.0],
        }];
        for junk in [
            &b""[..],
            b"%PDF-1.7\nstartxref\n99999\n%%EOF",
            b"startxref 0 xref 0 1",
        ] {
            assert!(add_fields(junk.to_vec(), &places).is_err());
        }
        let mut p = tiny();
        p.truncate(p.len() - 30);
        assert!(add_fields(p, &places).is_err());
    }
}

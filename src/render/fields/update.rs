//! The signature fields added to the PDF typst exported, as an incremental update of hoso's own:
//! hoso's PDFs (typst/krilla output) have classic cross-reference tables, which [`parse_xref`]
//! reads; [`add_fields`] appends the widgets, the pages with `/Annots`, the catalog with
//! `/AcroForm`, a cross-reference section and a trailer with `/Prev`.

use super::Place;
use crate::evidence::pdfobj::*;
use crate::problem::messages::render::{fields_failed, FieldsFault as F};
use std::collections::BTreeMap;
use std::fmt::Write;

pub(super) struct Parsed<'a> {
    pub(super) offsets: BTreeMap<u64, usize>,
    pub(super) trailer: &'a [u8],
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
pub(super) fn parse_xref(pdf: &[u8]) -> Option<Parsed<'_>> {
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
pub(super) fn object_dict<'a>(pdf: &'a [u8], p: &Parsed, n: u64) -> Option<&'a [u8]> {
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

fn with_annots(dict: &[u8], refs: &str) -> Result<Vec<u8>, F> {
    if let Some((i, _)) = dict_array(dict, "Annots") {
        let mut v = dict[..=i].to_vec();
        v.extend_from_slice(refs.as_bytes());
        v.push(b' ');
        v.extend_from_slice(&dict[i + 1..]);
        return Ok(v);
    }
    if key_pos(dict, "Annots").is_some() {
        return Err(F::IndirectAnnots);
    }
    Ok(insert_before_end(dict, &format!("/Annots [{refs}]")))
}

fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What the update starts from: the parsed PDF, its next free object number, its catalog and
/// pages.
struct Base<'a> {
    parsed: Parsed<'a>,
    size: u64,
    root: u64,
    pages: Vec<u64>,
}

fn base(pdf: &[u8]) -> Result<Base<'_>, F> {
    let p = parse_xref(pdf).ok_or(F::CrossReference)?;
    let size_at = key_pos(p.trailer, "Size").ok_or(F::NoSize)?;
    let size = int_at(p.trailer, size_at).ok_or(F::Size)?.0;
    let root = dict_ref(p.trailer, "Root").ok_or(F::NoRoot)?;
    let catalog = object_dict(pdf, &p, root).ok_or(F::Catalog)?;
    if key_pos(catalog, "AcroForm").is_some() {
        return Err(F::HasAcroForm);
    }
    let pages = page_ids(pdf, &p, root).ok_or(F::PageTree)?;
    Ok(Base {
        parsed: p,
        size,
        root,
        pages,
    })
}

/// The new and changed objects: a widget and its empty appearance per place, each page with its
/// widgets in `/Annots`, the catalog with `/AcroForm`. Also the next free object number.
fn objects(pdf: &[u8], b: &Base, places: &[Place]) -> Result<(BTreeMap<u64, Vec<u8>>, u64), F> {
    let mut objects: BTreeMap<u64, Vec<u8>> = BTreeMap::new();
    let mut next = b.size;
    let mut fields = Vec::new();
    let mut annots: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for pl in places {
        let page = *b
            .pages
            .get(pl.page.saturating_sub(1))
            .ok_or(F::NoSuchPage)?;
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
        let d = object_dict(pdf, &b.parsed, *page).ok_or(F::Page)?;
        objects.insert(*page, with_annots(d, &refs.join(" "))?);
    }
    let cat = object_dict(pdf, &b.parsed, b.root).ok_or(F::Catalog)?;
    let acroform = format!("/AcroForm <</Fields [{}]>>", fields.join(" "));
    objects.insert(b.root, insert_before_end(cat, &acroform));
    Ok((objects, next))
}

/// A cross-reference section for objects at `offsets`, in runs of consecutive numbers.
fn xref_text(offsets: &BTreeMap<u64, usize>) -> String {
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
    x
}

/// The update's trailer: the new size, the old /Root, /Info and /ID, /Prev to the old section.
fn trailer_text(b: &Base, next: u64, xref: usize) -> String {
    let t = b.parsed.trailer;
    let mut trailer = format!("trailer\n<</Size {next} /Root {} 0 R", b.root);
    if let Some(info) = dict_ref(t, "Info") {
        let _ = write!(trailer, " /Info {info} 0 R");
    }
    if let Some(i) = key_pos(t, "ID") {
        let i = skip_ws(t, i);
        if let Some(e) = t[i..].iter().position(|&c| c == b']') {
            let _ = write!(trailer, " /ID {}", String::from_utf8_lossy(&t[i..=i + e]));
        }
    }
    let _ = write!(
        trailer,
        " /Prev {}>>\nstartxref\n{xref}\n%%EOF\n",
        b.parsed.startxref
    );
    trailer
}

/// Adds `places` as empty signature fields to a PDF that typst exported, as one incremental
/// update. No places: the bytes unchanged.
pub fn add_fields(pdf: Vec<u8>, places: &[Place]) -> Result<Vec<u8>, String> {
    if places.is_empty() {
        return Ok(pdf);
    }
    let b = base(&pdf).map_err(fields_failed)?;
    let (objects, next) = objects(&pdf, &b, places).map_err(fields_failed)?;
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
    out.extend_from_slice(xref_text(&offsets).as_bytes());
    out.extend_from_slice(trailer_text(&b, next, xref).as_bytes());
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

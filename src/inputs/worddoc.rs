//! `noi-dung.docx`: the narrative typed in Word (or LibreOffice) → the paragraphs `narrative::assemble`
//! turns into sections. Headings by style (Heading 1–3 by built-in name, style id or outline level,
//! whatever the interface language), bullets and numbers from numbering.xml, bold and italic from
//! direct formatting and styles. Tables, images, comments, fields, footnotes and tracked changes
//! are reported where they stand. The archive is read with `zip` and its XML with `roxmltree`; the
//! sizes of the parts are checked before anything is inflated.

use super::narrative::{Kind, Notice, Raw, Span};
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use roxmltree::{Document, Node, ParsingOptions};
use std::io::Read;
use std::path::Path;
use styles::{num_pr, Counters, Numbering, StyleInfo, Styles};

/// No narrative needs more: a 300-page report's document.xml is about 5 MB.
pub const PART_LIMIT: u64 = 32 << 20;
/// The file itself (pictures included).
pub const FILE_LIMIT: u64 = 200 << 20;
/// Elements, attributes and texts of one part: a 300-page report has about 300 000.
const NODES_LIMIT: u32 = 2_000_000;
const DEPTH_LIMIT: usize = 64;
/// The hint style `hoso init` writes (name "Gợi ý").
pub const HINT_STYLE: &str = "HosoHint";
pub const HINT_STYLE_NAME: &str = "Gợi ý";

#[path = "worddoc_styles.rs"]
mod styles;

const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Reads the paragraphs of a .docx file. Problems name no file: the caller knows its name.
pub fn read(path: &Path) -> Result<Vec<Raw>, Problem> {
    let size = std::fs::metadata(path)
        .map_err(|e| m::docx_unreadable(&e.to_string()))?
        .len();
    if size > FILE_LIMIT {
        return Err(m::docx_too_big(size >> 20, FILE_LIMIT >> 20));
    }
    let file = std::fs::File::open(path).map_err(|e| m::docx_unopenable(&e.to_string()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| m::docx_not_zip())?;
    let document = part(&mut zip, "word/document.xml")?.ok_or_else(m::docx_no_document)?;
    let styles = part(&mut zip, "word/styles.xml")?.unwrap_or_default();
    let numbering = part(&mut zip, "word/numbering.xml")?.unwrap_or_default();
    from_xml(&document, &styles, &numbering)
}

/// One part of the archive, refused when it would inflate beyond `PART_LIMIT`.
fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, Problem> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(m::docx_part_unreadable(name, &e.to_string())),
    };
    let too_big = || m::docx_part_too_big(name, PART_LIMIT >> 20);
    if f.size() > PART_LIMIT {
        return Err(too_big());
    }
    let mut data = Vec::new();
    (&mut f)
        .take(PART_LIMIT + 1)
        .read_to_end(&mut data)
        .map_err(|e| m::docx_part_broken(name, &e.to_string()))?;
    if data.len() as u64 > PART_LIMIT {
        return Err(too_big());
    }
    String::from_utf8(data)
        .map(|s| Some(s.trim_start_matches('\u{feff}').to_string()))
        .map_err(|_| m::docx_part_not_utf8(name))
}

fn parse<'a>(xml: &'a str, name: &str) -> Result<Document<'a>, Problem> {
    let opt = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(xml, opt).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => m::docx_part_too_many_nodes(name, NODES_LIMIT),
        e => m::docx_part_not_xml(name, &e.to_string()),
    })
}

fn is_w(n: Node, name: &str) -> bool {
    n.is_element()
        && n.tag_name().name() == name
        && n.tag_name().namespace().is_some_and(|ns| W.contains(&ns))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is_w(*c, name))
}

fn wattr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    W.iter().find_map(|ns| n.attribute((*ns, name)))
}

/// `<w:b/>`, `<w:b w:val="1"/>` on; `w:val="0"`/`"false"` off; absent: None.
fn toggle(props: Node, name: &str) -> Option<bool> {
    child(props, name).map(|b| !matches!(wattr(b, "val"), Some("0" | "false" | "off")))
}

/// The three parts' XML → paragraphs.
pub fn from_xml(document: &str, styles: &str, numbering: &str) -> Result<Vec<Raw>, Problem> {
    let doc = parse(document, "word/document.xml")?;
    let styles = if styles.is_empty() {
        Styles::default()
    } else {
        Styles::read(&parse(styles, "word/styles.xml")?)
    };
    let numbering = if numbering.is_empty() {
        Numbering::default()
    } else {
        Numbering::read(&parse(numbering, "word/numbering.xml")?)
    };
    let body = doc
        .root_element()
        .children()
        .find(|n| is_w(*n, "body"))
        .ok_or_else(m::docx_no_body)?;
    let mut r = Reader {
        styles: &styles,
        numbering: &numbering,
        counters: Counters::default(),
        out: Vec::new(),
    };
    r.blocks(body, 0);
    Ok(r.out)
}

struct Reader<'s> {
    styles: &'s Styles,
    numbering: &'s Numbering,
    counters: Counters,
    out: Vec<Raw>,
}

/// What a paragraph's content walk collects.
#[derive(Default)]
struct Collect {
    spans: Vec<Span>,
    notices: Vec<Notice>,
    /// Inside a complex field: true between begin and separate (instructions, not text).
    field_code: Vec<bool>,
}

impl Reader<'_> {
    fn blocks(&mut self, parent: Node, depth: usize) {
        if depth > DEPTH_LIMIT {
            self.out.push(Raw::Notice(Notice::Other));
            return;
        }
        for n in parent.children().filter(|n| n.is_element()) {
            match n.tag_name().name() {
                "p" if is_w(n, "p") => self.paragraph(n),
                "tbl" => self.out.push(Raw::Notice(Notice::Table)),
                "sdt" | "customXml" | "sdtContent" | "smartTag" => self.blocks(n, depth + 1),
                "ins" | "moveTo" => {
                    self.out.push(Raw::Notice(Notice::TrackedChange));
                    self.blocks(n, depth + 1);
                }
                "del" | "moveFrom" => self.out.push(Raw::Notice(Notice::TrackedChange)),
                "sectPr" | "bookmarkStart" | "bookmarkEnd" | "proofErr" | "permStart"
                | "permEnd" => {}
                "commentRangeStart" | "commentRangeEnd" => {}
                "AlternateContent" => self.out.push(Raw::Notice(Notice::Image)),
                _ => self.out.push(Raw::Notice(Notice::Other)),
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        let ppr = child(p, "pPr");
        let style = ppr
            .and_then(|x| child(x, "pStyle"))
            .and_then(|s| wattr(s, "val"))
            .unwrap_or("Normal")
            .to_string();
        let mut c = Collect::default();
        if let Some(x) = ppr {
            // A paragraph mark inserted or deleted, a formatting change: still tracked.
            let tracked = x.descendants().any(|d| {
                is_w(d, "ins") || is_w(d, "del") || is_w(d, "pPrChange") || is_w(d, "rPrChange")
            });
            if tracked {
                c.notices.push(Notice::TrackedChange);
            }
        }
        let base = (
            self.styles.first(&style, |s| s.bold).unwrap_or(false),
            self.styles.first(&style, |s| s.italic).unwrap_or(false),
        );
        self.content(p, base, &mut c, 0);
        let raw = self.classify(ppr, &style, c.spans);
        self.out.push(raw);
        // After the paragraph, so a heading's notices fall in its own section.
        c.notices.sort();
        c.notices.dedup();
        self.out.extend(c.notices.iter().map(|n| Raw::Notice(*n)));
    }

    fn classify(&mut self, ppr: Option<Node>, style: &str, spans: Vec<Span>) -> Raw {
        let sname = self
            .styles
            .by_id
            .get(style)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let level = ppr
            .and_then(|x| child(x, "outlineLvl"))
            .and_then(|o| wattr(o, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|o| *o < 9)
            .map(|o| o + 1)
            .or_else(|| self.styles.heading_level(style));
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        if level.is_none() && self.styles.is(style, "Title", "Title") {
            return Raw::Title;
        }
        if level.is_some_and(|l| l <= 3) && !text.trim().is_empty() {
            return Raw::Heading(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        let hint = self.styles.is(style, HINT_STYLE, HINT_STYLE_NAME);
        let num = ppr
            .and_then(num_pr)
            .or_else(|| self.styles.first(style, |s| s.num.clone()));
        let kind = match num {
            Some((id, lvl)) if id != "0" => self.counters.kind(self.numbering, &id, lvl, &sname),
            _ if crate::text::fold(&sname).starts_with("list bullet") => Kind::Bullet,
            _ => Kind::Para,
        };
        Raw::Para { kind, spans, hint }
    }

    /// Runs and what holds runs (hyperlinks, fields, content controls), in order.
    fn content(&self, parent: Node, base: (bool, bool), c: &mut Collect, depth: usize) {
        if depth > DEPTH_LIMIT {
            c.notices.push(Notice::Other);
            return;
        }
        for n in parent.children().filter(|n| n.is_element()) {
            match n.tag_name().name() {
                "pPr" => {}
                "r" => self.run(n, base, c),
                "hyperlink" | "smartTag" | "customXml" | "sdt" | "sdtContent" | "dir" | "bdo" => {
                    self.content(n, base, c, depth + 1)
                }
                "fldSimple" => {
                    c.notices.push(Notice::Field);
                    self.content(n, base, c, depth + 1);
                }
                "ins" | "moveTo" | "del" | "moveFrom" => {
                    c.notices.push(Notice::TrackedChange);
                    if matches!(n.tag_name().name(), "ins" | "moveTo") {
                        self.content(n, base, c, depth + 1);
                    }
                }
                "commentRangeStart" => c.notices.push(Notice::Comment),
                "commentRangeEnd" | "bookmarkStart" | "bookmarkEnd" | "proofErr" | "permStart"
                | "permEnd" | "sdtPr" | "sdtEndPr" | "moveFromRangeStart" | "moveFromRangeEnd"
                | "moveToRangeStart" | "moveToRangeEnd" => {}
                "oMath" | "oMathPara" => c.notices.push(Notice::Other),
                _ => c.notices.push(Notice::Other),
            }
        }
    }

    fn run(&self, r: Node, base: (bool, bool), c: &mut Collect) {
        let rpr = child(r, "rPr");
        let rstyle = rpr
            .and_then(|x| child(x, "rStyle"))
            .and_then(|s| wattr(s, "val"));
        let pick = |name: &str, from_style: fn(&StyleInfo) -> Option<bool>, dflt: bool| {
            rpr.and_then(|x| toggle(x, name))
                .or_else(|| rstyle.and_then(|s| self.styles.first(s, from_style)))
                .unwrap_or(dflt)
        };
        let bold = pick("b", |s| s.bold, base.0);
        let italic = pick("i", |s| s.italic, base.1);
        if let Some(x) = rpr {
            if child(x, "rPrChange").is_some()
                || child(x, "ins").is_some()
                || child(x, "del").is_some()
            {
                c.notices.push(Notice::TrackedChange);
            }
            if toggle(x, "vanish") == Some(true) {
                return; // hidden text is not printed by Word either
            }
        }
        let mut text = String::new();
        for n in r.children().filter(|n| n.is_element()) {
            let in_code = c.field_code.last() == Some(&true);
            match n.tag_name().name() {
                "t" if !in_code => text.push_str(n.text().unwrap_or("")),
                "tab" | "ptab" if !in_code => text.push(' '),
                "br" | "cr" if !in_code => text.push(' '),
                "noBreakHyphen" if !in_code => text.push('-'),
                "fldChar" => match wattr(n, "fldCharType") {
                    Some("begin") => {
                        c.notices.push(Notice::Field);
                        c.field_code.push(true);
                    }
                    Some("separate") => {
                        if let Some(x) = c.field_code.last_mut() {
                            *x = false;
                        }
                    }
                    Some("end") => {
                        c.field_code.pop();
                    }
                    _ => {}
                },
                "drawing" | "pict" | "object" => c.notices.push(Notice::Image),
                "AlternateContent" => c.notices.push(Notice::Image),
                "footnoteReference" | "endnoteReference" => c.notices.push(Notice::Footnote),
                "commentReference" | "annotationRef" if !c.notices.contains(&Notice::Comment) => {
                    c.notices.push(Notice::Comment)
                }
                "delText" | "delInstrText" => c.notices.push(Notice::TrackedChange),
                _ => {}
            }
        }
        if !text.is_empty() {
            // Vietnamese typed as combining marks (Unikey's "tổ hợp") prints as composed letters.
            let text = crate::text::nfc(&text);
            c.spans.push(Span { text, bold, italic });
        }
    }
}

#[cfg(test)]
#[path = "worddoc_tests.rs"]
mod tests;

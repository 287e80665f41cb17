//! Word's styles (styles.xml: names, outline levels, emphasis, numbering, each based on another)
//! and numbered lists (numbering.xml) as `worddoc` needs them to tell headings, bullets and the
//! labels "1.", "a)", "II." of numbered paragraphs.

use super::{child, is_w, toggle, wattr};
use crate::inputs::narrative::Kind;
use roxmltree::{Document, Node};
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub(super) struct StyleInfo {
    pub(super) name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    pub(super) num: Option<(String, u8)>,
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
}

#[derive(Default)]
pub(super) struct Styles {
    pub(super) by_id: HashMap<String, StyleInfo>,
}

impl Styles {
    pub(super) fn read(doc: &Document) -> Styles {
        let mut by_id = HashMap::new();
        for s in doc.descendants().filter(|n| is_w(*n, "style")) {
            let Some(id) = wattr(s, "styleId") else {
                continue;
            };
            let val = |name: &str| {
                child(s, name)
                    .and_then(|n| wattr(n, "val"))
                    .map(str::to_string)
            };
            let ppr = child(s, "pPr");
            let rpr = child(s, "rPr");
            let info = StyleInfo {
                name: val("name").unwrap_or_default(),
                based_on: val("basedOn"),
                outline: ppr
                    .and_then(|p| child(p, "outlineLvl"))
                    .and_then(|o| wattr(o, "val"))
                    .and_then(|v| v.parse().ok()),
                num: ppr.and_then(num_pr),
                bold: rpr.and_then(|r| toggle(r, "b")),
                italic: rpr.and_then(|r| toggle(r, "i")),
            };
            by_id.insert(id.to_string(), info);
        }
        Styles { by_id }
    }

    /// The style and those it is based on, nearest first (cycles cut).
    pub(super) fn chain(&self, id: &str) -> Vec<(&str, &StyleInfo)> {
        let mut out: Vec<(&str, &StyleInfo)> = Vec::new();
        let mut cur = Some(id);
        while let Some(i) = cur {
            if out.len() > 16 || out.iter().any(|(x, _)| *x == i) {
                break;
            }
            let Some((k, s)) = self.by_id.get_key_value(i) else {
                break;
            };
            out.push((k.as_str(), s));
            cur = s.based_on.as_deref();
        }
        out
    }

    /// Heading level 1–9 of a paragraph style, by built-in name, id or outline level.
    pub(super) fn heading_level(&self, id: &str) -> Option<u8> {
        for (sid, s) in self.chain(id) {
            if let Some(l) = heading_number(&s.name).or_else(|| heading_number(sid)) {
                return Some(l);
            }
            if let Some(o) = s.outline.filter(|o| *o < 9) {
                return Some(o + 1);
            }
        }
        heading_number(id)
    }

    pub(super) fn is(&self, id: &str, want_id: &str, want_name: &str) -> bool {
        self.chain(id).iter().any(|(sid, s)| {
            *sid == want_id || crate::text::fold(&s.name) == crate::text::fold(want_name)
        })
    }

    pub(super) fn first<T>(&self, id: &str, f: impl Fn(&StyleInfo) -> Option<T>) -> Option<T> {
        self.chain(id).into_iter().find_map(|(_, s)| f(s))
    }
}

/// "heading 2", "Heading2", "Heading 2" → 2.
pub(super) fn heading_number(s: &str) -> Option<u8> {
    let t = s.trim().to_ascii_lowercase().replace(' ', "");
    let n = t.strip_prefix("heading")?;
    n.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
}

pub(super) fn num_pr(ppr: Node) -> Option<(String, u8)> {
    let np = child(ppr, "numPr")?;
    let id = child(np, "numId")
        .and_then(|n| wattr(n, "val"))?
        .to_string();
    let lvl = child(np, "ilvl")
        .and_then(|n| wattr(n, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id, lvl))
}

/// numbering.xml: for each w:num, the format and text of each level.
#[derive(Default)]
pub(super) struct Numbering {
    levels: HashMap<String, HashMap<u8, (String, String, u32)>>,
}

impl Numbering {
    pub(super) fn read(doc: &Document) -> Numbering {
        let mut abstracts: HashMap<String, HashMap<u8, (String, String, u32)>> = HashMap::new();
        for a in doc.descendants().filter(|n| is_w(*n, "abstractNum")) {
            let Some(id) = wattr(a, "abstractNumId") else {
                continue;
            };
            let mut lv = HashMap::new();
            for l in a.children().filter(|n| is_w(*n, "lvl")) {
                let Some(i) = wattr(l, "ilvl").and_then(|v| v.parse().ok()) else {
                    continue;
                };
                let val = |n: &str| child(l, n).and_then(|x| wattr(x, "val")).unwrap_or("");
                let start = val("start").parse().unwrap_or(1);
                lv.insert(
                    i,
                    (val("numFmt").to_string(), val("lvlText").to_string(), start),
                );
            }
            abstracts.insert(id.to_string(), lv);
        }
        let mut levels = HashMap::new();
        for n in doc.descendants().filter(|n| is_w(*n, "num")) {
            let (Some(id), Some(a)) = (
                wattr(n, "numId"),
                child(n, "abstractNumId").and_then(|x| wattr(x, "val")),
            ) else {
                continue;
            };
            if let Some(lv) = abstracts.get(a) {
                levels.insert(id.to_string(), lv.clone());
            }
        }
        Numbering { levels }
    }
}

/// Counters of the numbered lists met so far, to label "1.", "2.", "a)".
#[derive(Default)]
pub(super) struct Counters(HashMap<String, Vec<u32>>);

impl Counters {
    pub(super) fn kind(&mut self, num: &Numbering, id: &str, lvl: u8, style_name: &str) -> Kind {
        let Some(def) = num.levels.get(id) else {
            // A list style whose numbering is missing: take its name's word.
            return if crate::text::fold(style_name).contains("number") {
                Kind::Numbered("-".into())
            } else {
                Kind::Bullet
            };
        };
        let (fmt, text, _) = def.get(&lvl).cloned().unwrap_or_default();
        if id == "0" || fmt == "bullet" || fmt == "none" || fmt.is_empty() {
            return Kind::Bullet;
        }
        let c = self.0.entry(id.to_string()).or_default();
        let l = lvl as usize;
        if c.len() <= l {
            for k in c.len()..=l {
                c.push(
                    def.get(&(k as u8))
                        .map(|d| d.2)
                        .unwrap_or(1)
                        .saturating_sub(1),
                );
            }
        }
        c.truncate(l + 1);
        c[l] = c[l].saturating_add(1);
        let mut label = if text.is_empty() {
            format!("%{}.", l + 1)
        } else {
            text
        };
        for (k, v) in c.iter().enumerate() {
            let f = def
                .get(&(k as u8))
                .map(|d| d.0.as_str())
                .unwrap_or("decimal");
            label = label.replace(&format!("%{}", k + 1), &format_number(*v, f));
        }
        Kind::Numbered(label)
    }
}

pub(super) fn format_number(v: u32, fmt: &str) -> String {
    let letter = |upper: bool| {
        let i = (v.max(1) - 1) % 26;
        let c = (b'a' + i as u8) as char;
        // Word writes "aa", "bbb" past z; a hostile start value must not make a huge label.
        let s = c
            .to_string()
            .repeat((((v.max(1) - 1) / 26 + 1) as usize).min(4));
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    };
    match fmt {
        "lowerLetter" => letter(false),
        "upperLetter" => letter(true),
        "lowerRoman" => roman(v).to_lowercase(),
        "upperRoman" => roman(v),
        _ => v.to_string(),
    }
}

pub(super) fn roman(mut v: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in table {
        while v >= n && s.len() < 40 {
            s.push_str(r);
            v -= n;
        }
    }
    s
}

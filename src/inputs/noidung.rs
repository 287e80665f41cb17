//! Finds the narrative of a dossier: `noi-dung.docx` (the Word way) or `noi-dung.md`, and turns what
//! the Word reader met (tables, images, comments, fields, tracked changes) into messages that name
//! the section and say what to do.

use super::narrative::{assemble, Guide, Narrative, Notice};
use super::worddoc;
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use std::path::Path;

pub const DOCX: &str = m::NARRATIVE_DOCX;
pub const MD: &str = m::NARRATIVE_MD;

#[derive(Debug, Default)]
pub struct Loaded {
    pub narrative: Narrative,
    /// The file read (for messages), or None.
    pub file: Option<&'static str>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// The largest noi-dung.md read: a report's text is far smaller; beyond this it is a mistake.
const MD_LIMIT: u64 = 4 << 20;

/// Reads whichever of the two files holds the narrative. Both with text is an error naming both;
/// an untouched template beside a written file is set aside (`hoso init` writes both).
pub fn load(root: &Path, guide: &Guide, known: &[String]) -> Loaded {
    let mut out = Loaded::default();
    let docx_path = root.join(DOCX);
    let md_path = root.join(MD);
    let docx = docx_path
        .is_file()
        .then(|| read_docx(&docx_path, guide, known));
    let md = match std::fs::metadata(&md_path).map(|m| m.len()) {
        Ok(n) if n > MD_LIMIT => {
            out.errors.push(m::md_too_big(n >> 20, MD_LIMIT >> 20));
            None
        }
        _ => match std::fs::read(&md_path) {
            Ok(b) => Some(Narrative::parse_md(
                &String::from_utf8_lossy(&b),
                guide,
                known,
            )),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                out.errors
                    .push(m::md_unreadable(&crate::problem::oserr::reason(&e)));
                None
            }
            Err(_) => None,
        },
    };
    match (docx, md) {
        (None, None) => out.warnings.push(m::narrative_missing()),
        (None, Some(n)) => {
            out.narrative = n;
            out.file = Some(MD);
        }
        (Some(d), md) => {
            let md_written = md.as_ref().is_some_and(|n| !n.is_blank());
            let (n, error) = match d {
                Ok(n) => (n, None),
                Err(e) => (Narrative::default(), Some(e.file(DOCX))),
            };
            if md_written && (!n.is_blank() || error.is_some()) {
                out.errors.push(m::narrative_twice());
            } else if n.is_blank() && error.is_none() && md_written {
                // The Word template left untouched, the text written in Markdown.
                out.narrative = md.unwrap_or_default();
                out.file = Some(MD);
                return out;
            }
            out.errors.extend(error);
            for (section, what, count) in &n.notices {
                let p = notice_problem(section, *what, *count);
                if p.is_error() {
                    out.errors.push(p);
                } else {
                    out.warnings.push(p);
                }
            }
            out.narrative = n;
            out.file = Some(DOCX);
        }
    }
    out
}

fn read_docx(path: &Path, guide: &Guide, known: &[String]) -> Result<Narrative, Problem> {
    worddoc::read(path).map(|raws| assemble(raws, guide, known))
}

/// One problem per kind of object per section; unaccepted changes are errors.
fn notice_problem(section: &str, what: Notice, count: usize) -> Problem {
    let problem = match what {
        Notice::TrackedChange => m::docx_tracked_changes,
        Notice::Table => m::docx_table,
        Notice::Image => m::docx_image,
        Notice::Comment => m::docx_comment,
        Notice::Field => m::docx_field,
        Notice::Footnote => m::docx_footnote,
        Notice::Other => m::docx_other,
    };
    problem(section, count)
}

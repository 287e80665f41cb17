// TEMPORARY placeholder (never committed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
    Doc,
    Odt,
    Other,
}
pub fn check(_p: &std::path::Path) -> Result<Kind, String> {
    Ok(Kind::Other)
}

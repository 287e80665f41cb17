//! Renderers of the one document model: `pdf` (typst as a library, PDF/A-2b) and `docx` (docx-rs).
//! Neither knows anything about criteria or dossiers.

pub mod docx;
pub mod fields;
pub mod pdf;

/// A word with a "/" inside it, not at its ends ("tin/mau-3.3.xlsx", "23/23"): both renderers keep
/// such a word on one line (Word and LibreOffice never break after its slash or its hyphens).
pub fn slashed(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() > 2 && chars[1..chars.len() - 1].contains(&'/')
}

//! Renderers of the one document model: `pdf` (typst as a library, PDF/A-2b, with the empty
//! signature fields of `fields`) and `docx` (docx-rs), and of the workbook model: `xlsx`
//! (rust_xlsxwriter). They know nothing of criteria or dossiers, and hold no word of their own:
//! every text comes from the model, every size from the style sheet (`document::style`).

pub mod docx;
pub mod fields;
pub mod pdf;
pub mod xlsx;

/// A word with a "/" inside it, not at its ends ("tin/mau-3.3.xlsx", "23/23"): both renderers keep
/// such a word on one line (Word and LibreOffice never break after its slash or its hyphens).
pub fn slashed(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() > 2 && chars[1..chars.len() - 1].contains(&'/')
}

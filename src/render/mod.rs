//! Renderers of the one document model: `pdf` (typst as a library, PDF/A-2b) and `docx` (docx-rs).
//! Neither knows anything about criteria or dossiers.

pub mod docx;
pub mod fields;
pub mod pdf;
pub mod pdfobj;

//! hoso: a commune's evidence folder → the dossier the criteria ask for (domain.md). One pipeline,
//! in stages that each import only the stages before them, in the order below (tests/structure.rs
//! checks every `crate::` path against it). The command line (`commands`) and the local web page
//! (`serve`) are two front ends over the same typed results of `pipeline`.

/// NFC, folding for comparisons, clipping, file-name parts, form-text filling.
pub mod text;
/// Exact numbers (rationals) and their Vietnamese display.
pub mod number;
/// Typed problems and the wording of every message.
pub mod problem;
/// The data files of `forms/` and the fonts, built in or from `--forms`.
pub mod forms;
/// Criteria sets, targets, list forms, chains of levels.
pub mod criteria;
/// The evidence folder: scan, file types, PDF signatures, bounded containers.
pub mod evidence;
/// hoso.toml, so-lieu, list forms, the narrative, received packages' figures.
pub mod inputs;
/// Indicators evaluated; a higher level's appraisal.
pub mod evaluate;
/// The one document model and the builders of every form.
pub mod document;
/// PDF (typst) and DOCX (docx-rs) from the model; signature fields.
pub mod render;
/// Hashes, BagIt zip, verification, the output lock, ho-so.xml, the signed package.
pub mod package;
/// Every run: check, build, verify, init, higher levels.
pub mod pipeline;
/// The local web page.
pub mod serve;
/// The command line.
pub mod commands;

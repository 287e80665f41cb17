//! docx-rs's archive rewritten so the bytes depend on the document alone: fixed timestamps (the
//! report date), hoso's core properties, stable paragraph ids, w:noBreakHyphen and w:tblHeader
//! where the renderer left markers, black default text.

use super::blocks::HEADER_ROW_MARKER;
use super::text::NO_BREAK_HYPHEN;
use crate::document::model::Document;
use crate::problem::messages::render as msg;
use std::io::{Cursor, Read, Write};

fn xml_escape(s: &str) -> String {
    let s = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    s.replace('"', "&quot;").replace('\'', "&apos;")
}

/// docx-rs can set neither the title nor the creator, so core.xml is written here.
fn core_xml(doc: &Document, stamp: &str) -> String {
    let (t, a) = (xml_escape(&doc.title), xml_escape(&doc.author));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{t}</dc:title><dc:creator>{a}</dc:creator><cp:lastModifiedBy>{a}</cp:lastModifiedBy><cp:revision>1</cp:revision><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>"#
    )
}

/// docx-rs numbers paragraphs (w14:paraId) from a thread-wide counter, so the ids depend on what
/// the thread built before: number them again in archive order. Text cannot hold the key, as its
/// quote is escaped.
fn renumber_para_ids(xml: &str, next: &mut u32) -> String {
    const KEY: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(KEY) {
        let start = i + KEY.len();
        let Some(len) = rest[start..].find('"') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&format!("{:08X}", *next));
        *next += 1;
        rest = &rest[start + len..];
    }
    out + rest
}

/// Rewrites docx-rs's archive in its own entry order with fixed timestamps (the report date),
/// our core properties, stable paragraph ids, w:tblHeader on header rows, black default text.
pub fn repack(raw: &[u8], doc: &Document, stamp: &str) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| msg::docx_repack_failed(&e.to_string());
    let mut src = zip::ZipArchive::new(Cursor::new(raw)).map_err(|e| fail(&e))?;
    let (y, m, d) = doc.date;
    let time = zip::DateTime::from_date_and_time(y as u16, m as u8, d as u8, 0, 0, 0)
        .map_err(|e| fail(&e))?;
    // The host system is recorded in each entry ("version made by"): fixed, so a DOCX built on
    // Windows is byte-identical to Linux's.
    let options = zip::write::SimpleFileOptions::default()
        .system(zip::System::Unix)
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut next_id = 1;
    for i in 0..src.len() {
        let mut entry = src.by_index(i).map_err(|e| fail(&e))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| fail(&e))?.to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(|e| fail(&e))?;
        if name == "docProps/core.xml" {
            data = core_xml(doc, stamp).into_bytes();
        } else if name.starts_with("word/") && name.ends_with(".xml") {
            let mut xml = renumber_para_ids(
                &String::from_utf8(data).map_err(|e| fail(&e))?,
                &mut next_id,
            );
            if name == "word/document.xml" {
                let hyphen = r#"</w:t><w:noBreakHyphen /><w:t xml:space="preserve">"#;
                xml = xml.replace(NO_BREAK_HYPHEN, hyphen);
                xml = xml.replace(HEADER_ROW_MARKER, "<w:tblHeader />");
            } else if name == "word/styles.xml" {
                xml = xml.replacen(
                    "<w:rPrDefault><w:rPr>",
                    "<w:rPrDefault><w:rPr><w:color w:val=\"000000\" />",
                    1,
                );
            }
            data = xml.into_bytes();
        }
        out.start_file(name, options).map_err(|e| fail(&e))?;
        out.write_all(&data).map_err(|e| fail(&e))?;
    }
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}

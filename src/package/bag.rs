//! BagIt tag files (RFC 8493 §2): writing them, and reading them back for `verify`.

use super::{encode_path, hex, BagInfo};
use sha2::{Digest, Sha256};

pub(super) const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

pub(super) const BAGIT: &str = "bagit.txt";
pub(super) const BAG_INFO: &str = "bag-info.txt";
pub(super) const MANIFEST: &str = "manifest-sha256.txt";
pub(super) const TAGMANIFEST: &str = "tagmanifest-sha256.txt";

/// Checks a `bag-info.txt` label: non-empty, no `:`, no surrounding blanks, no control character.
fn check_label(label: &str) -> Result<(), String> {
    if label.is_empty()
        || label.contains(':')
        || label.trim() != label
        || label.chars().any(|c| c.is_control())
    {
        return Err(format!("Nhãn không hợp lệ trong bag-info.txt: {label:?}"));
    }
    Ok(())
}

/// A value on one line: line breaks and other control characters become spaces.
fn one_line(value: &str) -> String {
    let v: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    v.trim().to_string()
}

pub(super) fn date_text((y, m, d): (i32, u32, u32)) -> Result<String, String> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if !(1980..=2107).contains(&y) || d == 0 || d > days {
        return Err(format!("Ngày đóng gói không hợp lệ: {y:04}-{m:02}-{d:02}"));
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// `bag-info.txt`: Source-Organization, Bagging-Date, Payload-Oxum, External-Description, then
/// the extra lines in the caller's order.
pub(super) fn bag_info_txt(
    info: &BagInfo,
    payload_bytes: u64,
    files: usize,
) -> Result<String, String> {
    let mut s = String::new();
    let mut line = |label: &str, value: &str| -> Result<(), String> {
        check_label(label)?;
        s.push_str(label);
        s.push_str(": ");
        s.push_str(&one_line(value));
        s.push('\n');
        Ok(())
    };
    line("Source-Organization", &info.source_organization)?;
    line("Bagging-Date", &date_text(info.bagging_date)?)?;
    line("Payload-Oxum", &format!("{payload_bytes}.{files}"))?;
    line("External-Description", &info.external_description)?;
    for (label, value) in &info.extra {
        line(label, value)?;
    }
    Ok(s)
}

/// `manifest-sha256.txt` from (path under `data/`, hex) pairs already sorted:
/// `<hex>  data/<path>` lines, path percent-encoded as RFC 8493 requires.
pub(super) fn manifest_txt<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut s = String::new();
    for (path, sha) in items {
        s.push_str(sha);
        s.push_str("  data/");
        s.push_str(&encode_path(path));
        s.push('\n');
    }
    s
}

/// `tagmanifest-sha256.txt` over the given tag files, sorted by name.
pub(super) fn tagmanifest_txt(tags: &[(&str, &[u8])]) -> String {
    let mut tags = tags.to_vec();
    tags.sort_by(|a, b| a.0.cmp(b.0));
    let mut s = String::new();
    for (name, content) in tags {
        s.push_str(&hex(&Sha256::digest(content)));
        s.push_str("  ");
        s.push_str(&encode_path(name));
        s.push('\n');
    }
    s
}

/// Lines of a tag file, accepting LF, CRLF or CR endings.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.is_empty())
}

/// `bagit.txt` must declare a version `M.N` and the UTF-8 tag file encoding.
pub(super) fn check_bagit(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "bagit.txt không phải UTF-8".to_string())?;
    let fields = parse_fields(text);
    let version = fields
        .iter()
        .find(|(k, _)| k == "BagIt-Version")
        .map(|(_, v)| v.as_str());
    let encoding = fields
        .iter()
        .find(|(k, _)| k == "Tag-File-Character-Encoding")
        .map(|(_, v)| v.as_str());
    let version_ok = version.is_some_and(|v| {
        v.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
    });
    if !version_ok {
        return Err("bagit.txt thiếu hoặc sai dòng BagIt-Version".into());
    }
    if !encoding.is_some_and(|e| e.eq_ignore_ascii_case("UTF-8")) {
        return Err("bagit.txt thiếu dòng Tag-File-Character-Encoding: UTF-8".into());
    }
    Ok(())
}

/// `Label: value` lines; a line starting with a blank continues the previous value.
pub(super) fn parse_fields(text: &str) -> Vec<(String, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<(String, String)> = Vec::new();
    for l in lines(text) {
        if l.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(l.trim());
            }
        } else if let Some((k, v)) = l.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

/// `Payload-Oxum: <octets>.<files>`: Ok(None) when absent.
pub(super) fn payload_oxum(bag_info: &[u8]) -> Result<Option<(u64, u64)>, String> {
    let text =
        std::str::from_utf8(bag_info).map_err(|_| "bag-info.txt không phải UTF-8".to_string())?;
    let Some((_, v)) = parse_fields(text)
        .into_iter()
        .find(|(k, _)| k == "Payload-Oxum")
    else {
        return Ok(None);
    };
    v.split_once('.')
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        .map(Some)
        .ok_or_else(|| format!("Payload-Oxum không hợp lệ: {v}"))
}

/// A manifest's `(hex, path)` lines, the path still percent-encoded. `name` is for messages.
pub(super) fn parse_manifest(bytes: &[u8], name: &str) -> Result<Vec<(String, String)>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{name} không phải UTF-8"))?;
    let mut out = Vec::new();
    for (i, l) in lines(text).enumerate() {
        let bad = || {
            format!(
                "{name}, dòng {}: không đúng dạng \"<sha256>  <đường dẫn>\"",
                i + 1
            )
        };
        let (sha, rest) = l.split_once([' ', '\t']).ok_or_else(bad)?;
        let path = rest.trim_start_matches([' ', '\t']);
        if sha.len() != 64 || !sha.bytes().all(|c| c.is_ascii_hexdigit()) || path.is_empty() {
            return Err(bad());
        }
        out.push((sha.to_ascii_lowercase(), path.to_string()));
    }
    Ok(out)
}

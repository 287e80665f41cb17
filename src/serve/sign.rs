//! Ký số: the documents of the output folder with the endpoint of the VGCA Sign Service that ND30
//! calls for (reports: the leader signs — SignApproved — then the office issues with the seal —
//! SignIssued; annexes, list forms and the bảng kê: the seal alone — SignAppendix), and the signed
//! file coming back: kept beside the generated one as `<tên>_signed.pdf` (temporary name, then
//! rename), accepted only if its bytes begin with exactly the generated document's bytes and every
//! signature in it still matches.

use crate::evidence::pdfsig::{self, SigStatus};
use serde_json::{json, Value};
use std::path::Path;

pub const SIGNED_SUFFIX: &str = "_signed.pdf";
/// A signed PDF is a few MB; nothing larger is taken.
pub const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

/// Reports (Mẫu 01–04) are signed by the leader and issued with the seal; everything else is an
/// appendix to them.
fn is_report(stem: &str) -> bool {
    ["Mau01", "Mau02", "Mau03", "Mau04"]
        .iter()
        .any(|p| stem.starts_with(p))
}

/// The signing steps of a document, in order: (endpoint, what the officer reads).
fn steps(stem: &str) -> Vec<(&'static str, &'static str)> {
    if is_report(stem) {
        vec![
            ("SignApproved", "Ký duyệt (người có thẩm quyền)"),
            ("SignIssued", "Ký phát hành (đóng dấu cơ quan)"),
        ]
    } else {
        vec![(
            "SignAppendix",
            "Ký phụ lục, tài liệu kèm theo (dấu cơ quan)",
        )]
    }
}

/// The signed copy of `name` in `out`, if any.
pub fn signed_name(name: &str) -> String {
    format!("{}{SIGNED_SUFFIX}", name.trim_end_matches(".pdf"))
}

fn signers(path: &Path) -> (Vec<String>, Option<String>) {
    match pdfsig::check_pdf(path) {
        Ok(SigStatus::Valid { signers, .. }) => (signers, None),
        Ok(SigStatus::Unsigned) => (Vec::new(), None),
        Ok(SigStatus::Broken { reason }) => (Vec::new(), Some(reason)),
        Err(e) => (Vec::new(), Some(e)),
    }
}

/// Every file of the output folder for the page: PDFs with their signing steps and signers, and
/// the other files (DOCX, JSON, XLSX, the zip) to download.
pub fn documents(out: &Path) -> Value {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut pdfs = Vec::new();
    let mut other = Vec::new();
    for n in &names {
        let lower = n.to_lowercase();
        if lower.ends_with(SIGNED_SUFFIX) {
            continue;
        }
        if lower.ends_with(".pdf") {
            let stem = n.trim_end_matches(".pdf");
            let signed = signed_name(n);
            let has_signed = out.join(&signed).is_file();
            let (who, broken) = if has_signed {
                signers(&out.join(&signed))
            } else {
                signers(&out.join(n))
            };
            let steps: Vec<Value> = steps(stem)
                .into_iter()
                .map(|(e, label)| json!({ "endpoint": e, "label": label }))
                .collect();
            pdfs.push(json!({
                "name": n,
                "bao_cao": is_report(stem),
                "signed": has_signed.then_some(signed.clone()),
                "current": if has_signed { signed } else { n.clone() },
                "signers": who,
                "broken": broken,
                "steps": steps,
            }));
        } else {
            let size = std::fs::metadata(out.join(n)).map(|m| m.len()).unwrap_or(0);
            // A zip's SHA-256 as build/package wrote it beside (`<zip>.sha256`, sha256sum format).
            let sha = lower
                .ends_with(".zip")
                .then(|| std::fs::read_to_string(out.join(format!("{n}.sha256"))).ok())
                .flatten()
                .and_then(|t| t.split_whitespace().next().map(str::to_string));
            other.push(json!({ "name": n, "size": size, "sha256": sha }));
        }
    }
    json!({ "out": out.to_string_lossy(), "pdfs": pdfs, "other": other })
}

/// Takes the signed version of `name` (a generated PDF in `out`): checks it and stores it as
/// `<tên>_signed.pdf`. Returns the stored name and its signers.
pub fn accept(out: &Path, name: &str, bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    if name.contains('/')
        || name.contains('\\')
        || name.ends_with(SIGNED_SUFFIX)
        || !name.to_lowercase().ends_with(".pdf")
    {
        return Err(format!("\"{name}\" không phải là văn bản PDF do hoso lập"));
    }
    let original = std::fs::read(out.join(name)).map_err(|_| {
        format!("không có văn bản \"{name}\" trong thư mục kết quả — bấm \"Lập hồ sơ\" trước")
    })?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(format!("tệp gửi lên cho {name} không phải là tệp PDF"));
    }
    // The signed file: the generated bytes exactly, then the incremental updates of the signature
    // (what the signing service and vSignPDF write). Any edit before signing shows here.
    if bytes.len() <= original.len() || !bytes.starts_with(&original) {
        let same = bytes
            .iter()
            .zip(&original)
            .take_while(|(a, b)| a == b)
            .count();
        return Err(format!(
            "tệp đã ký không khớp với {name} do hoso lập (giống {same} byte đầu trong {} byte của bản gốc; tệp gửi lên {} byte) — văn bản đã bị sửa trước khi ký, hoặc là văn bản khác. Ký đúng tệp {name} trong thư mục kết quả, không mở ra sửa",
            original.len(),
            bytes.len()
        ));
    }
    let who = match pdfsig::check_bytes(bytes) {
        Ok(SigStatus::Valid { signers, .. }) => signers,
        Ok(SigStatus::Unsigned) => {
            return Err(format!(
                "tệp gửi lên cho {name} chưa có chữ ký số — ký bằng VGCA Sign Service hoặc vSignPDF rồi gửi lại"
            ))
        }
        Ok(SigStatus::Broken { reason }) => {
            return Err(format!("chữ ký số trong tệp gửi lên cho {name} không hợp lệ: {reason}"))
        }
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let stored = signed_name(name);
    crate::package::write_atomic(&out.join(&stored), bytes)?;
    Ok((stored, who))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_take_two_steps_annexes_one() {
        assert_eq!(steps("Mau01-BaoCao-Tan-Phuc-2024").len(), 2);
        assert_eq!(steps("Mau01-BaoCao-Tan-Phuc-2024")[0].0, "SignApproved");
        assert_eq!(steps("Mau01-BaoCao-Tan-Phuc-2024")[1].0, "SignIssued");
        for s in [
            "PhuLuc01-Tan-Phuc-2024",
            "Mau-1.4-Tan-Phuc-2024",
            "BangKe-Tan-Phuc-2024",
        ] {
            assert_eq!(steps(s), vec![("SignAppendix", steps(s)[0].1)]);
        }
        assert_eq!(signed_name("Mau01.pdf"), "Mau01_signed.pdf");
    }

    #[test]
    fn a_file_not_beginning_with_the_generated_bytes_is_refused() {
        let d = tempfile::tempdir().expect("tmp");
        std::fs::write(d.path().join("A.pdf"), b"%PDF-1.7 original").expect("write");
        let edited = b"%PDF-1.7 origiNAL and more";
        let e = accept(d.path(), "A.pdf", edited).expect_err("refused");
        assert!(e.contains("không khớp"), "{e}");
        let unsigned = b"%PDF-1.7 original\n% appended, no signature";
        let e = accept(d.path(), "A.pdf", unsigned).expect_err("refused");
        assert!(e.contains("chưa có chữ ký"), "{e}");
        assert!(accept(d.path(), "../A.pdf", edited).is_err());
        assert!(accept(d.path(), "B.pdf", edited).is_err());
        assert!(!d.path().join("A_signed.pdf").exists());
    }
}

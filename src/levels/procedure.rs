//! Chains of levels (`forms/chains/*.toml`, hoso.toml `quy_trinh`): which levels exist, which
//! packages each reads, which documents it writes, under which agency and to whom. A set names
//! its default chain; hoso.toml may choose another. `resolve` fills `DossierInfo::quy_trinh` and
//! checks the dossier's level and units against the chain.

use crate::criteria::{Catalog, SetLevel};
use crate::embedded;
use crate::inputs::dossier::{DossierInfo, Level};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One level of a chain.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub cap: String,
    #[serde(default)]
    pub reads: String,
    #[serde(default)]
    pub lower: String,
    #[serde(default)]
    pub figures: String,
    #[serde(default)]
    pub documents: Vec<String>,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub agency: String,
    #[serde(default)]
    pub number_suffix: String,
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub annex_columns: Vec<String>,
    #[serde(default)]
    pub lower_words: String,
    #[serde(default)]
    pub muc: String,
    #[serde(default)]
    pub duoi: String,
    #[serde(default)]
    pub summary: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chain {
    pub id: String,
    pub title: String,
    pub levels: Vec<Step>,
}

impl Chain {
    pub fn step(&self, cap: Level) -> Option<&Step> {
        self.levels.iter().find(|s| s.cap == cap.id())
    }
    pub fn has(&self, cap: Level) -> bool {
        self.step(cap).is_some()
    }
    /// "xa → huyen → bcd → so".
    pub fn caps(&self) -> String {
        self.levels
            .iter()
            .map(|s| s.cap.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

fn parse(origin: &str, text: &str) -> Result<Chain, String> {
    let c: Chain =
        toml::from_str(text).map_err(|e| format!("{origin}: quy trình không hợp lệ: {e}"))?;
    for s in &c.levels {
        let lvl = Level::parse(&s.cap)
            .ok_or_else(|| format!("{origin}: cấp \"{}\" không hợp lệ", s.cap))?;
        if lvl != Level::Xa && (s.reads.is_empty() || s.documents.is_empty()) {
            return Err(format!(
                "{origin}: cấp {} cần reads (thư mục gói nhận) và documents (văn bản lập)",
                s.cap
            ));
        }
        if !s.lower.is_empty() && !matches!(s.lower.as_str(), "xa" | "huyen") {
            return Err(format!(
                "{origin}: cấp {}: lower phải là xa hoặc huyen",
                s.cap
            ));
        }
        for d in &s.documents {
            if !super::build::KNOWN_DOCUMENTS.contains(&d.as_str()) {
                return Err(format!(
                    "{origin}: cấp {}: văn bản \"{d}\" không có (có: {})",
                    s.cap,
                    super::build::KNOWN_DOCUMENTS.join(", ")
                ));
            }
        }
    }
    Ok(c)
}

/// Every chain shipped in `forms/chains/`, by id.
pub fn chains() -> &'static BTreeMap<String, Chain> {
    static C: OnceLock<BTreeMap<String, Chain>> = OnceLock::new();
    C.get_or_init(|| {
        let mut m = BTreeMap::new();
        for (path, bytes) in embedded::FORMS {
            if let Some(name) = path.strip_prefix("chains/") {
                match parse(name, &String::from_utf8_lossy(bytes)) {
                    Ok(c) => {
                        m.insert(c.id.clone(), c);
                    }
                    // Part of the binary and covered by tests: a broken file cannot ship.
                    Err(e) => panic!("forms/chains/{e}"),
                }
            }
        }
        m
    })
}

pub fn get(id: &str) -> Result<&'static Chain, String> {
    chains().get(id).ok_or_else(|| {
        format!(
            "quy_trinh = \"{id}\" không có; các quy trình có sẵn: {}",
            chains().keys().cloned().collect::<Vec<_>>().join(", ")
        )
    })
}

/// The step of the dossier's level in its chain (an empty step if unresolved).
pub fn step(info: &DossierInfo) -> &'static Step {
    static EMPTY: OnceLock<Step> = OnceLock::new();
    chains()
        .get(&info.quy_trinh)
        .and_then(|c| c.step(info.cap))
        .unwrap_or_else(|| EMPTY.get_or_init(Step::default))
}

/// Chooses the chain (hoso.toml's `quy_trinh`, else the set's default) and checks the dossier
/// against it. Errors are sentences naming the key and the fix.
pub fn resolve(info: &mut DossierInfo, catalog: &Catalog) -> Result<(), Vec<String>> {
    let set = catalog
        .get(&info.bo_tieu_chi)
        .map_err(|e| vec![format!("hoso.toml: bo_tieu_chi: {e}")])?;
    let id = if info.quy_trinh.is_empty() {
        set.quy_trinh.clone()
    } else {
        info.quy_trinh.clone()
    };
    let chain = get(&id).map_err(|e| vec![format!("hoso.toml: {e}")])?;
    info.quy_trinh = chain.id.clone();
    let mut errors = Vec::new();
    // A district-level set at cap = "huyen" is the district's own self-assessment.
    let own = info.cap == Level::Xa || (info.cap == Level::Huyen && set.level == SetLevel::Huyen);
    if !own && !chain.has(info.cap) {
        errors.push(format!(
            "hoso.toml: cap = \"{}\" không có trong quy trình \"{}\" ({}) — chọn một cấp của quy trình, hoặc quy_trinh khác",
            info.cap.id(),
            chain.id,
            chain.caps()
        ));
    }
    if info.cap == Level::Xa && chain.has(Level::Huyen) && info.don_vi.huyen.is_empty() {
        errors.push(format!(
            "hoso.toml: thiếu [don_vi] huyen (tên huyện): quy trình \"{}\" ({}) có cấp huyện thẩm định — ghi tên huyện, hoặc chọn quy_trinh = \"hai-cap\" nếu xã gửi hồ sơ thẳng lên tỉnh",
            chain.id,
            chain.caps()
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_chains_load_with_their_levels() {
        let th = get("thanh-hoa-2023").unwrap();
        assert_eq!(th.caps(), "xa → huyen → bcd → so");
        let hc = get("hai-cap").unwrap();
        assert_eq!(hc.caps(), "xa → tinh");
        let t = hc.step(Level::Tinh).unwrap();
        assert_eq!(t.lower, "xa");
        assert_eq!(t.reads, "ho-so-xa");
        assert_eq!(t.agency, "Sở Khoa học và Công nghệ");
        assert_eq!(t.annex_columns[0], "Kết quả tự đánh giá của UBND cấp xã");
        assert!(get("khong-co").unwrap_err().contains("hai-cap"));
    }
}

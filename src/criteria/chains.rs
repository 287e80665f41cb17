//! Chains of levels (`forms/chains/*.toml`, hoso.toml `quy_trinh`): which levels exist, which
//! packages each reads, which documents it writes, under which agency and to whom. A set names
//! its default chain; hoso.toml may choose another. `resolve` fills `DossierInfo::quy_trinh` and
//! checks the dossier's level and units against the chain.

use crate::problem::messages::criteria as msg;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The documents a higher level may write per commune (`documents` of a level above `xa`).
pub const KNOWN_DOCUMENTS: &[&str] = &["mau02", "phuluc02", "mau03", "mau04", "phuluc03"];

/// The documents of the assessed unit's own dossier (`documents` of the `xa` level), and their
/// order when a chain names none: the report, its annex, the villages' annex, the list forms.
pub const OWN_DOCUMENTS: &[&str] = &["mau01", "phuluc01", "phuluc-thon", "mau-bieu"];

/// The level whose documents are produced (domain.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Xa,
    Huyen,
    Bcd,
    So,
    /// The province (two-tier chain `hai-cap`): verifies commune packages directly.
    Tinh,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s.trim().to_lowercase().as_str() {
            "xa" | "xã" => Some(Level::Xa),
            "huyen" | "huyện" => Some(Level::Huyen),
            "bcd" | "bcđ" => Some(Level::Bcd),
            "so" | "sở" => Some(Level::So),
            "tinh" | "tỉnh" => Some(Level::Tinh),
            _ => None,
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Level::Xa => "xa",
            Level::Huyen => "huyen",
            Level::Bcd => "bcd",
            Level::So => "so",
            Level::Tinh => "tinh",
        }
    }
    /// Whether a dossier at this level assesses its own unit — a commune, or a district against a
    /// district-level set — rather than the packages received from the level below.
    pub fn assesses_itself(self, set: super::SetLevel) -> bool {
        self == Level::Xa || (self == Level::Huyen && set == super::SetLevel::Huyen)
    }
}

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
    /// The signer `hoso init` writes for this level (`[nguoi_ky] tham_quyen`, `chuc_vu`); empty:
    /// the xa level's (the People's Committee's).
    #[serde(default)]
    pub signer: Vec<String>,
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
    /// The documents of the assessed unit's own dossier, as the chain's first level names them;
    /// [`OWN_DOCUMENTS`] without a chain or when it names none.
    pub fn own_documents(chain: Option<&Chain>) -> Vec<String> {
        match chain
            .and_then(|c| c.step(Level::Xa))
            .filter(|s| !s.documents.is_empty())
        {
            Some(s) => s.documents.clone(),
            None => OWN_DOCUMENTS.iter().map(|d| d.to_string()).collect(),
        }
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
        toml::from_str(text).map_err(|e| msg::chain_unreadable(origin, &e.to_string()))?;
    for s in &c.levels {
        let lvl = Level::parse(&s.cap).ok_or_else(|| msg::chain_level_unknown(origin, &s.cap))?;
        if lvl != Level::Xa && (s.reads.is_empty() || s.documents.is_empty()) {
            return Err(msg::chain_level_incomplete(origin, &s.cap));
        }
        if !s.lower.is_empty() && !matches!(s.lower.as_str(), "xa" | "huyen") {
            return Err(msg::chain_lower_invalid(origin, &s.cap));
        }
        if !matches!(s.signer.len(), 0 | 2) {
            return Err(msg::chain_signer_invalid(origin, &s.cap));
        }
        let known = if lvl == Level::Xa {
            OWN_DOCUMENTS
        } else {
            KNOWN_DOCUMENTS
        };
        for d in &s.documents {
            if !known.contains(&d.as_str()) {
                return Err(msg::chain_document_unknown(origin, &s.cap, d, known));
            }
        }
    }
    Ok(c)
}

/// Every chain in `forms/chains/` (and the `--forms` folder's `chains/`), by id; what is wrong
/// with a file, naming it.
pub fn load() -> Result<&'static BTreeMap<String, Chain>, String> {
    static C: OnceLock<Result<BTreeMap<String, Chain>, String>> = OnceLock::new();
    C.get_or_init(|| {
        let mut m = BTreeMap::new();
        for f in crate::forms::all()? {
            if let Some(name) = f.rel.strip_prefix("chains/") {
                let shown = if f.origin.starts_with("forms/") {
                    name.to_string()
                } else {
                    f.origin.clone()
                };
                let c = parse(&shown, &f.text).map_err(|e| format!("forms/chains/{e}"))?;
                m.insert(c.id.clone(), c);
            }
        }
        Ok(m)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Every chain, by id (validated at start-up by `pipeline::forms::load`).
pub fn chains() -> &'static BTreeMap<String, Chain> {
    match load() {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    }
}

pub fn get(id: &str) -> Result<&'static Chain, String> {
    chains()
        .get(id)
        .ok_or_else(|| msg::chain_unknown(id, &chains().keys().cloned().collect::<Vec<_>>()))
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

//! The compact forms: `items = [ "text", { text = "…", id = "…" } ]` on a new section or group,
//! and a list that may be written as one string (`purposes = "…"`).

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

/// One entry of `items = [...]`: a bare text, or a table when the item needs more than its text.
#[derive(Debug)]
pub enum CompactItem {
    Text(String),
    Full(CompactItemTable),
}

/// `{ text = "…", id = "…", contractors = ["k"], consent = true, contractor_label = "…",
/// consent_note = "…" }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "項目（表の形） / An item written as a table")]
pub struct CompactItemTable {
    #[schemars(description = "項目の文言（必須） / Wording (required)")]
    pub text: String,
    #[schemars(
        with = "Option<String>",
        description = "項目の ID の最後の部分（省略時は 1 から数えた番号） / Last part of the item's id; default: its 1-based number"
    )]
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "外部委託先のキー（[contractors] で定義） / Keys of contractors defined in [contractors]"
    )]
    pub contractors: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "true で＊（黙示の同意） / true marks the item ＊ (implied consent)")]
    pub consent: bool,
    #[schemars(description = "「外部委託先」の代わりの語 / Words instead of 外部委託先")]
    pub contractor_label: Option<String>,
    #[schemars(
        description = "黙示の同意のページでこの項目の下に出す説明（Markdown）: 理由、提供先、同意しない場合の扱いなど。consent = true の項目だけ / Shown under the item on the implied-consent page (Markdown): why, to whom, what happens if a member objects; only on an item marked ＊"
    )]
    pub consent_note: Option<String>,
}

/// The schema of [`CompactItem`]: what an editor offers (the type itself is read by hand, so a
/// mistake inside a table gets serde's own message naming the key).
#[derive(JsonSchema)]
#[serde(untagged)]
#[schemars(description = "項目: 文言だけ、または表の形 / An item: its wording, or a table")]
#[allow(dead_code)]
pub enum CompactItemSchema {
    #[schemars(description = "項目の文言 / The item's wording")]
    Text(String),
    Full(CompactItemTable),
}

impl CompactItem {
    pub fn text(&self) -> &str {
        match self {
            CompactItem::Text(t) => t,
            CompactItem::Full(f) => &f.text,
        }
    }

    pub fn id(&self) -> Option<&Spanned<String>> {
        match self {
            CompactItem::Text(_) => None,
            CompactItem::Full(f) => f.id.as_ref(),
        }
    }

    pub fn contractors(&self) -> &[Spanned<String>] {
        match self {
            CompactItem::Text(_) => &[],
            CompactItem::Full(f) => &f.contractors,
        }
    }
}

impl<'de> Deserialize<'de> for CompactItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> Visitor<'de> for Entry {
            type Value = CompactItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an item's text, or a table like `{ text = \"…\", id = \"…\" }`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<CompactItem, E> {
                Ok(CompactItem::Text(text.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<CompactItem, M::Error> {
                let table =
                    CompactItemTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(CompactItem::Full(table))
            }
        }
        deserializer.deserialize_any(Entry)
    }
}

/// A list of texts that may be written as one text: `"a"` is `["a"]`.
#[derive(Debug, Default)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Texts;
        impl<'de> Visitor<'de> for Texts {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or a list of texts, like `[\"…\", \"…\"]`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![text.to_string()]))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<OneOrMany, S::Error> {
                let mut texts = Vec::new();
                while let Some(text) = seq.next_element::<String>()? {
                    texts.push(text);
                }
                Ok(OneOrMany(texts))
            }
        }
        deserializer.deserialize_any(Texts)
    }
}

/// The schema of [`OneOrMany`].
#[derive(JsonSchema)]
#[serde(untagged)]
#[schemars(description = "文字列またはその並び / A text or a list of texts")]
#[allow(dead_code)]
pub enum OneOrManySchema {
    One(String),
    Many(Vec<String>),
}

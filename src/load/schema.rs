//! The JSON Schema of the override format (`unions/*.toml`), for editors.
//!
//! Generated from the [`Override`] types themselves, so it cannot disagree with what `build`
//! accepts about keys and types. The repository keeps a copy in [`SCHEMA_FILE`], which
//! `.taplo.toml` associates with `unions/*.toml` for VS Code's "Even Better TOML" (taplo);
//! a test fails when that copy is stale.
//!
//! The schema is JSON Schema draft 7 with every subschema inlined (no `$ref`): taplo's
//! validator and its hover/completion handle that shape best. TOML has no null, so the
//! `null` alternatives schemars gives optional fields are removed.
//!
//! One thing a schema cannot see: taplo hands a TOML date to the schema as a string, so a
//! date written in quotes (`"2024-12-02"`) passes here, and `build` then reports it.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use crate::load::format::Override;
use crate::model::GroupKind;

/// Where the repository keeps the generated schema, relative to the project folder.
pub const SCHEMA_FILE: &str = "schema/override.schema.json";

/// The schema of an override file, as a JSON value with its object keys sorted.
pub fn override_schema() -> Value {
    let generator = SchemaSettings::draft07()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let mut value = generator.into_root_schema_for::<Override>().to_value();
    tidy(&mut value);
    // Sorted keys whatever serde_json's `preserve_order` feature says: the output is stable.
    value.sort_all_objects();
    value
}

/// The schema as `kumiai schema` prints it and `schema/override.schema.json` holds it:
/// pretty JSON, keys sorted, with a final newline.
pub fn override_schema_json() -> String {
    let mut text =
        serde_json::to_string_pretty(&override_schema()).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// A TOML local date such as `2024-12-02` (no quotes). Editors built on taplo hand a TOML date
/// to JSON Schema as a string, so the schema is a string in `YYYY-MM-DD` form; `format: date`
/// lets them say so, and the pattern holds even where formats are not checked.
pub struct LocalDate;

impl JsonSchema for LocalDate {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "LocalDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

/// `[labels]`: one optional string per group kind, named and described as [`GroupKind`] is,
/// and nothing else (a misspelt kind is an unknown key).
pub fn labels_schema(generator: &mut SchemaGenerator) -> Schema {
    let kinds = GroupKind::json_schema(generator);
    let mut properties = Map::new();
    for kind in kinds
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(Value::String(key)) = kind.get("const") else {
            continue;
        };
        let mut property = Map::new();
        property.insert("type".into(), "string".into());
        if let Some(description) = kind.get("description") {
            property.insert("description".into(), description.clone());
        }
        properties.insert(key.clone(), Value::Object(property));
    }
    json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// Fits the schema to TOML, recursively: removes what schemars adds for `Option` (`"null"` in
/// `type`, `{"type": "null"}` in `anyOf`/`oneOf`; a TOML file can only leave an optional key
/// out) and empty `default`s.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            tidy_here(map);
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

fn tidy_here(map: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            map.insert("type".into(), only);
        }
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(options)) = map.get_mut(key) else {
            continue;
        };
        options.retain(|o| o.get("type").is_none_or(|t| t != "null"));
        if options.len() == 1 {
            // `anyOf: [X]` is X: lift X's keywords up, keeping this schema's own description.
            let Some(Value::Object(only)) = options.pop() else {
                continue;
            };
            map.remove(key);
            for (k, v) in only {
                map.entry(k).or_insert(v);
            }
        }
    }
    // `default: []` / `{}` says nothing a TOML author can use, and editors would offer it as
    // the value to type (`contacts = []`) where a `[[contacts]]` table is meant.
    let empty = |v: &Value| {
        v.is_null()
            || v.as_array().is_some_and(Vec::is_empty)
            || v.as_object().is_some_and(Map::is_empty)
    };
    if map.get("default").is_some_and(empty) {
        map.remove("default");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_fields_have_no_null() {
        let text = override_schema_json();
        assert!(!text.contains("\"null\""), "{text}");
    }

    #[test]
    fn null_alternatives_are_lifted() {
        let mut v = serde_json::json!({
            "description": "outer",
            "anyOf": [{ "type": "string", "description": "inner" }, { "type": "null" }],
            "properties": { "a": { "type": ["string", "null"] } }
        });
        tidy(&mut v);
        assert_eq!(
            v,
            serde_json::json!({
                "description": "outer",
                "type": "string",
                "properties": { "a": { "type": "string" } }
            })
        );
    }
}

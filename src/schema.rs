//! The JSON Schema of the data files, for editors (the YAML language server completes and
//! checks fields from it as people type): derived from the model's types, with the few value
//! types written by hand here. `dossier schema` prints it; data/dossier.schema.json is the
//! committed copy a test keeps equal to it.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::locale::WORD_KEYS;
use crate::markup::Rich;
use crate::model::{Organisation, OwnWords, Packet};
use crate::values::{LanguageTag, PartialDate, WebUrl};

/// Either kind of data file.
#[derive(JsonSchema)]
#[schemars(untagged)]
// Never made, only described.
#[allow(dead_code, clippy::large_enum_variant)]
enum DataFile {
    Organisation(Organisation),
    Packet(PacketFile),
}

/// A packet file: its one top-level field.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct PacketFile {
    packet: Packet,
}

/// The schema as pretty JSON (draft 7, which every editor's YAML support reads).
pub fn json_schema() -> String {
    let mut generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.root_schema_for::<DataFile>();
    schema.insert("title".into(), "dossier data file: an organisation or a briefing packet".into());
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// `type:` takes one text or a list of texts.
pub(crate) struct TextOrTexts;

impl JsonSchema for TextOrTexts {
    fn schema_name() -> Cow<'static, str> {
        "TextOrTexts".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        })
    }
}

impl JsonSchema for LanguageTag {
    fn schema_name() -> Cow<'static, str> {
        "LanguageTag".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A BCP 47 language tag: en, ru, ky, uz-Latn, uz-Cyrl, …",
            "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
        })
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // YAML reads a bare year as a number and a full date as a date: both are dates here.
        json_schema!({
            "description": "A date: YYYY, YYYY-MM or YYYY-MM-DD",
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": "^[1-9][0-9]{3}(-[0-9]{2}(-[0-9]{2})?)?$"}
            ]
        })
    }
}

impl JsonSchema for WebUrl {
    fn schema_name() -> Cow<'static, str> {
        "WebUrl".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A web address (http or https)",
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://",
            "maxLength": 2048
        })
    }
}

impl JsonSchema for Rich {
    fn schema_name() -> Cow<'static, str> {
        "RunningText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Running text: *emphasis*, **strong**, [links](https://…), citations [@id], [spans]{lang=ky}"
        })
    }
}

impl JsonSchema for OwnWords {
    fn schema_name() -> Cow<'static, str> {
        "Labels".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let forms = json_schema!({
            "type": "object",
            "description": "A phrase's forms by CLDR plural category",
            "properties": {
                "zero": {"type": "string"}, "one": {"type": "string"}, "two": {"type": "string"},
                "few": {"type": "string"}, "many": {"type": "string"}, "other": {"type": "string"}
            },
            "required": ["other"],
            "additionalProperties": false
        });
        let properties: serde_json::Map<String, serde_json::Value> = WORD_KEYS
            .iter()
            .map(|key| {
                let value = if *key == "text_from_count" {
                    json_schema!({"anyOf": [{"type": "string"}, forms.clone()]})
                } else {
                    json_schema!({"type": "string"})
                };
                (key.to_string(), value.to_value())
            })
            .collect();
        json_schema!({
            "type": "object",
            "description": "Fixed words in the file's language (`dossier labels LANG` prints them in English to translate)",
            "properties": properties,
            "additionalProperties": false
        })
    }
}

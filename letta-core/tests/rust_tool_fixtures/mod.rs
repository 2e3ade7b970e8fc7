//! Tool definitions covering the shapes a Rust tool's arguments take, shared by the stub
//! snapshots and the real-server acceptance test.

#![allow(dead_code)] // Each binary reads the fields through serde or not at all.

use std::collections::HashMap;

use letta_core::rust_tool::{__private::args_schema, ToolDefinition};
use schemars::JsonSchema;
use serde::Deserialize;

/// Scalars.
#[derive(JsonSchema, Deserialize)]
pub struct Scalars {
    /// How many.
    pub count: i64,
    /// A ratio.
    pub ratio: f64,
    /// Whether to shout.
    pub loud: bool,
    /// The text.
    pub text: String,
    /// Small and unsigned.
    pub small: u32,
}

/// Optional parameters between required ones.
#[derive(JsonSchema, Deserialize)]
pub struct Optionals {
    /// An optional limit.
    pub limit: Option<i64>,
    /// The query.
    pub query: String,
    /// Optional labels.
    pub labels: Option<Vec<String>>,
    /// A defaulted flag.
    #[serde(default)]
    pub verbose: bool,
    /// The page.
    pub page: u16,
}

/// A unit-variant enum.
#[derive(JsonSchema, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Fast,
    Careful,
    DoubleCheck,
}

/// A unit-variant enum whose variants are documented (schemars writes `oneOf` for it).
#[derive(JsonSchema, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Quiet.
    Low,
    /// Loud.
    High,
}

/// Arrays, enums and maps.
#[derive(JsonSchema, Deserialize)]
pub struct Collections {
    /// Words.
    pub words: Vec<String>,
    /// Numbers.
    pub numbers: Vec<i64>,
    /// A matrix.
    pub matrix: Vec<Vec<f64>>,
    /// The mode.
    pub mode: Mode,
    /// The level.
    pub level: Level,
    /// Modes to try.
    pub modes: Vec<Mode>,
    /// An optional level.
    pub maybe_level: Option<Level>,
    /// Counts by name.
    pub counts: HashMap<String, i64>,
}

/// A point.
#[derive(JsonSchema, Deserialize)]
pub struct Point {
    /// Horizontal.
    pub x: f64,
    /// Vertical.
    pub y: f64,
}

/// A shape, with structs inside.
#[derive(JsonSchema, Deserialize)]
pub struct Shape {
    /// The shape's name.
    pub name: String,
    /// Where it starts.
    pub origin: Point,
    /// Its corners.
    pub corners: Vec<Point>,
    /// A label, if any.
    pub label: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// How to draw it.
    pub mode: Mode,
    /// An anchor, if any.
    pub anchor: Option<Point>,
    /// Grids of points.
    pub grids: Vec<Vec<Point>>,
    pub undocumented: i32,
}

/// Nested structs.
#[derive(JsonSchema, Deserialize)]
pub struct Nested {
    /// The shape to draw.
    pub shape: Shape,
    /// More shapes.
    pub shapes: Vec<Shape>,
    /// Maybe a point.
    pub point: Option<Point>,
}

/// Descriptions that would break a naive stub.
#[derive(JsonSchema, Deserialize)]
pub struct Tricky {
    /// Says "hi" \ and """ then ends with a backslash \
    pub quoted: String,
    /// First line.
    ///
    #[doc = " Second paragraph, with 'single' quotes and a tab\there."]
    pub multiline: Option<String>,
    /// A quote-laden choice.
    pub choice: TrickyChoice,
}

/// Enum values that need escaping.
#[derive(JsonSchema, Deserialize)]
pub enum TrickyChoice {
    #[serde(rename = "say \"hi\"")]
    Hi,
    #[serde(rename = "back\\slash")]
    Backslash,
}

/// No descriptions at all.
#[derive(JsonSchema, Deserialize)]
pub struct Bare {
    pub a: i64,
    pub b: Option<String>,
}

/// No parameters.
#[derive(JsonSchema, Deserialize)]
pub struct Empty {}

/// The definitions, each with a name ending in `suffix` (the real server wants unique names).
pub fn definitions(suffix: &str) -> Vec<ToolDefinition> {
    vec![
        ToolDefinition::new(
            format!("scalars{suffix}"),
            "Echoes scalars.",
            args_schema::<Scalars>(),
        ),
        ToolDefinition::new(
            format!("optionals{suffix}"),
            "Searches, with optional parameters.",
            args_schema::<Optionals>(),
        ),
        ToolDefinition::new(
            format!("collections{suffix}"),
            "Takes arrays, enums and maps.",
            args_schema::<Collections>(),
        ),
        ToolDefinition::new(
            format!("nested{suffix}"),
            "Draws shapes.",
            args_schema::<Nested>(),
        ),
        ToolDefinition::new(
            format!("tricky{suffix}"),
            "Quotes \"\"\" and \\ backslashes\nacross \"lines\"\\",
            args_schema::<Tricky>(),
        ),
        ToolDefinition::new(format!("bare{suffix}"), "", args_schema::<Bare>()),
        ToolDefinition::new(format!("empty{suffix}"), "Takes nothing.", args_schema::<Empty>()),
    ]
}

use std::collections::{BTreeMap, HashMap};

use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;
use serde::Deserialize;

/// A color.
#[derive(Deserialize, schemars::JsonSchema)]
enum Color {
    Red,
    Green,
}

/// A point.
#[derive(Deserialize, schemars::JsonSchema)]
struct Point {
    x: f64,
    y: f64,
    label: Option<String>,
}

/// A shape made of points.
#[derive(Deserialize, schemars::JsonSchema)]
struct Shape {
    points: Vec<Point>,
    color: Color,
}

/// Takes every supported kind of parameter.
#[letta_tool]
#[allow(clippy::too_many_arguments)]
fn everything(
    small: i8,
    big: u64,
    size: usize,
    offset: isize,
    ratio: f32,
    exact: f64,
    flag: bool,
    owned: String,
    borrowed: &str,
    maybe: Option<i32>,
    list: Vec<Vec<String>>,
    maybe_list: Option<Vec<Option<u16>>>,
    color: Color,
    shape: Shape,
    by_name: HashMap<String, Point>,
    sorted: BTreeMap<String, Vec<i64>>,
    json: serde_json::Value,
    r#type: String,
    mut counter: u32,
) -> usize {
    counter += 1;
    let _ = (small, big, size, offset, ratio, exact, flag, owned, borrowed, maybe, list, maybe_list);
    let _ = (color, shape, by_name, sorted, json, r#type);
    counter as usize
}

fn main() {
    let schema = EverythingTool.definition().parameters.to_value();
    assert!(schema["properties"]["type"].is_object());
}

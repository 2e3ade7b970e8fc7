//! Tool rules: which tools an agent may call, and when.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A rule constraining which tools an agent may call and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum ToolRule {
    /// After `tool_name`, only one of `children` may be called.
    #[serde(rename = "constrain_child_tools")]
    Child {
        /// The tool.
        tool_name: String,
        /// Allowed next tools.
        children: Vec<String>,
    },
    /// `tool_name` must be called first.
    #[serde(rename = "run_first")]
    Init {
        /// The tool.
        tool_name: String,
    },
    /// Calling `tool_name` ends the step.
    #[serde(rename = "exit_loop")]
    Terminal {
        /// The tool.
        tool_name: String,
    },
    /// After `tool_name`, the agent continues.
    #[serde(rename = "continue_loop")]
    Continue {
        /// The tool.
        tool_name: String,
    },
    /// The next tool depends on `tool_name`'s output.
    #[serde(rename = "conditional")]
    Conditional {
        /// The tool.
        tool_name: String,
        /// Output value to next tool.
        child_output_mapping: BTreeMap<String, String>,
        /// Next tool when no mapping matches.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default_child: Option<String>,
        /// Whether the output must match a mapping.
        #[serde(default)]
        require_output_mapping: bool,
    },
    /// `tool_name` may be called at most `max_count_limit` times per step.
    #[serde(rename = "max_count_per_step")]
    MaxCountPerStep {
        /// The tool.
        tool_name: String,
        /// The limit.
        max_count_limit: u32,
    },
    /// `children` may only be called after `tool_name`.
    #[serde(rename = "parent_last_tool")]
    Parent {
        /// The tool.
        tool_name: String,
        /// Tools that require it.
        children: Vec<String>,
    },
    /// A rule this client does not know (a newer server's type, or a known type in a shape it
    /// does not expect), kept as the server sent it and sent back unchanged.
    #[serde(untagged)]
    Other(Value),
}

impl ToolRule {
    /// The rule's `type` as the server names it (`"exit_loop"`...), for any rule.
    pub fn rule_type(&self) -> &str {
        match self {
            ToolRule::Child { .. } => "constrain_child_tools",
            ToolRule::Init { .. } => "run_first",
            ToolRule::Terminal { .. } => "exit_loop",
            ToolRule::Continue { .. } => "continue_loop",
            ToolRule::Conditional { .. } => "conditional",
            ToolRule::MaxCountPerStep { .. } => "max_count_per_step",
            ToolRule::Parent { .. } => "parent_last_tool",
            ToolRule::Other(value) => value.get("type").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// The tool the rule is about, for any rule that names one.
    pub fn tool_name(&self) -> Option<&str> {
        match self {
            ToolRule::Child { tool_name, .. }
            | ToolRule::Init { tool_name }
            | ToolRule::Terminal { tool_name }
            | ToolRule::Continue { tool_name }
            | ToolRule::Conditional { tool_name, .. }
            | ToolRule::MaxCountPerStep { tool_name, .. }
            | ToolRule::Parent { tool_name, .. } => Some(tool_name),
            ToolRule::Other(value) => value.get("tool_name").and_then(Value::as_str),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_rule_types_are_kept_and_sent_back_unchanged() {
        let wire = json!({"type": "requires_approval", "tool_name": "delete_everything", "prompt": "sure?"});
        let rule: ToolRule = serde_json::from_value(wire.clone()).unwrap();
        assert!(matches!(rule, ToolRule::Other(_)), "{rule:?}");
        assert_eq!(rule.rule_type(), "requires_approval");
        assert_eq!(rule.tool_name(), Some("delete_everything"));
        assert_eq!(serde_json::to_value(&rule).unwrap(), wire);
    }

    #[test]
    fn known_rule_types_keep_their_variants() {
        let rules: Vec<ToolRule> = serde_json::from_value(json!([
            {"type": "exit_loop", "tool_name": "send_message"},
            {"type": "max_count_per_step", "tool_name": "search", "max_count_limit": 2},
            {"type": "exit_loop"}
        ]))
        .unwrap();
        assert_eq!(
            rules[0],
            ToolRule::Terminal {
                tool_name: "send_message".into()
            }
        );
        assert_eq!(rules[1].rule_type(), "max_count_per_step");
        assert_eq!(rules[1].tool_name(), Some("search"));
        // A known type in a shape this client does not expect is kept rather than refused.
        assert_eq!(rules[2], ToolRule::Other(json!({"type": "exit_loop"})));
        assert_eq!(rules[2].tool_name(), None);
    }
}

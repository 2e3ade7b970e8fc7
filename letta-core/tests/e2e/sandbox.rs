//! Sandbox configurations and their environment variables, on the real server: both suites run
//! this module (0.7.29's `e2e` and 0.16.8's `e2e_0_16`).
//!
//! One test walks the sandbox configurations: an organization has one per type, so parallel
//! tests changing them would race. Nothing here changes what other tests' tool runs do (the
//! local settings changed are venv ones, unused while `use_venv` is false).

use futures_util::TryStreamExt;
use letta_core::LettaClient;
use letta_core::types::{
    E2bSandboxConfig, ListSandboxConfigsParams, LocalSandboxConfig, PageParams, PipRequirement,
    SandboxConfigCreate, SandboxConfigUpdate, SandboxEnvironmentVariableCreate,
    SandboxEnvironmentVariableUpdate, SandboxSettings, SandboxType, ToolRunFromSource,
};

use crate::{client, once_more_after_a_race, server, unique};

const READ_ENV: &str = r#"
def read_env(name: str) -> str:
    """Read an environment variable.

    Args:
        name (str): The variable.

    Returns:
        str: Its value, or "missing".
    """
    import os
    return os.environ.get(name, "missing")
"#;

async fn tool_sees(client: &LettaClient, key: &str) -> String {
    let args = serde_json::json!({ "name": key }).as_object().cloned().unwrap();
    client
        .tools()
        .run_from_source(
            &ToolRunFromSource::builder()
                .source_code(READ_ENV)
                .args(args)
                .build(),
        )
        .await
        .unwrap()
        .tool_return
}

#[tokio::test]
async fn sandbox_configs_and_environment_variables() {
    let client = client();
    let sandboxes = client.sandbox_configs();

    let local = once_more_after_a_race(|| sandboxes.create_default_local())
        .await
        .unwrap();
    assert_eq!(local.sandbox_type, SandboxType::Local);
    let settings = local.local().expect("local settings").clone();
    assert!(
        settings
            .sandbox_dir
            .as_deref()
            .unwrap_or_default()
            .ends_with("tool_execution_dir"),
        "{settings:?}"
    );
    assert_eq!(
        once_more_after_a_race(|| sandboxes.create_default_local())
            .await
            .unwrap()
            .id,
        local.id,
        "one per type"
    );
    let locals = sandboxes
        .list(
            &ListSandboxConfigsParams::builder()
                .sandbox_type(SandboxType::Local)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(locals.iter().map(|c| &c.id).collect::<Vec<_>>(), vec![&local.id]);

    // An environment variable of the local sandbox reaches every tool run.
    let key = unique("LETTA_TEST_VAR").replace('-', "_").to_uppercase();
    let var = sandboxes
        .create_env_var(&local.id, &SandboxEnvironmentVariableCreate::new(&key, "first"))
        .await
        .unwrap();
    assert_eq!((var.key.as_str(), var.value.as_str()), (key.as_str(), "first"));
    assert_eq!(var.sandbox_config_id, local.id);
    assert!(!format!("{var:?}").contains("first"), "Debug hides the value");
    assert_eq!(tool_sees(&client, &key).await, "first");

    let updated = sandboxes
        .modify_env_var(
            &var.id,
            &SandboxEnvironmentVariableUpdate::builder()
                .value("second")
                .description("for the e2e test")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(updated.value, "second");
    assert_eq!(updated.description.as_deref(), Some("for the e2e test"));
    assert_eq!(tool_sees(&client, &key).await, "second");
    let vars: Vec<_> = sandboxes
        .list_all_env_vars(&local.id, &PageParams::limit(1))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(vars.iter().filter(|v| v.key == key).count(), 1);

    sandboxes.delete_env_var(&var.id).await.unwrap();
    assert_eq!(tool_sees(&client, &key).await, "missing");
    let vars = sandboxes
        .list_env_vars(&local.id, &PageParams::default())
        .await
        .unwrap();
    assert!(vars.iter().all(|v| v.id != var.id));
    assert!(
        sandboxes
            .delete_env_var(&var.id)
            .await
            .unwrap_err()
            .is_not_found()
    );

    // Custom local settings replace the local configuration (same ID).
    let venv_name = unique("venv");
    let custom = sandboxes
        .create_custom_local(
            &LocalSandboxConfig::builder()
                .maybe_sandbox_dir(settings.sandbox_dir.clone())
                .venv_name(venv_name.clone())
                .pip_requirements([PipRequirement::builder()
                    .name("requests")
                    .version("2.31.0")
                    .build()])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(custom.id, local.id);
    let custom_settings = custom.local().unwrap();
    assert_eq!(custom_settings.venv_name, venv_name);
    assert_eq!(
        custom_settings.pip_requirements[0].version.as_deref(),
        Some("2.31.0")
    );

    // The E2B default: 0.7.29's route would reset the local settings when no E2B configuration
    // exists; the client creates one instead, so the custom venv name survives (once one exists
    // it asks the route itself).
    let e2b = sandboxes.create_default_e2b().await.unwrap();
    assert_eq!(e2b.sandbox_type, SandboxType::E2b);
    assert_eq!(e2b.e2b().unwrap().timeout, 300);
    assert_eq!(sandboxes.create_default_e2b().await.unwrap().id, e2b.id);
    let local_now = once_more_after_a_race(|| sandboxes.create_default_local())
        .await
        .unwrap();
    assert_eq!(local_now.local().unwrap().venv_name, venv_name);

    let e2b_changed = sandboxes
        .modify(
            &e2b.id,
            &SandboxConfigUpdate::builder()
                .config(
                    E2bSandboxConfig::builder()
                        .timeout(120)
                        .template("tmpl-e2e")
                        .pip_requirements(["numpy"])
                        .build(),
                )
                .build(),
        )
        .await
        .unwrap();
    match &e2b_changed.config {
        SandboxSettings::E2b(c) => {
            assert_eq!((c.timeout, c.template.as_deref()), (120, Some("tmpl-e2e")));
            assert_eq!(c.pip_requirements, Some(vec!["numpy".to_string()]));
        }
        other => panic!("{other:?}"),
    }
    let mismatch = sandboxes
        .modify(
            &e2b.id,
            &SandboxConfigUpdate::builder()
                .config(LocalSandboxConfig::default())
                .build(),
        )
        .await
        .unwrap_err();
    assert!(
        mismatch.detail().unwrap_or_default().contains("Mismatched type"),
        "{mismatch}"
    );
    let e2b_again = sandboxes
        .create(&SandboxConfigCreate::new(
            E2bSandboxConfig::builder().timeout(60).build(),
        ))
        .await
        .unwrap();
    assert_eq!(e2b_again.id, e2b.id, "create replaces the type's configuration");
    assert_eq!(e2b_again.e2b().unwrap().timeout, 60);
    let all: Vec<_> = sandboxes
        .list_all(&ListSandboxConfigsParams::builder().limit(1).build())
        .try_collect()
        .await
        .unwrap();
    assert!(all.iter().any(|c| c.id == e2b.id) && all.iter().any(|c| c.id == local.id));
    sandboxes.delete(&e2b.id).await.unwrap();
    assert!(
        sandboxes
            .list(
                &ListSandboxConfigsParams::builder()
                    .sandbox_type(SandboxType::E2b)
                    .build()
            )
            .await
            .unwrap()
            .is_empty()
    );
    assert!(sandboxes.delete(&e2b.id).await.unwrap_err().is_not_found());

    // Rebuilding the venv creates it under the configured name (pip requirements are cleared
    // first: with `use_venv` false, the server would install them into its own environment).
    let cleared = sandboxes
        .modify(
            &local.id,
            &SandboxConfigUpdate::builder()
                .config(
                    LocalSandboxConfig::builder()
                        .maybe_sandbox_dir(settings.sandbox_dir.clone())
                        .venv_name(venv_name.clone())
                        .build(),
                )
                .build(),
        )
        .await
        .unwrap();
    assert!(cleared.local().unwrap().pip_requirements.is_empty());
    match sandboxes.force_recreate_local_venv().await {
        Ok(rebuilt) => {
            assert_eq!(rebuilt.id, local.id);
            let python = server()
                .run_dir()
                .join("home/.letta/tool_execution_dir")
                .join(&venv_name)
                .join("bin/python");
            assert!(python.exists(), "{} missing", python.display());
        }
        // Without access to the package index the server cannot upgrade pip in the new venv.
        Err(e) => assert!(e.detail().unwrap_or_default().contains("venv"), "{e}"),
    }

    let restored = sandboxes
        .modify(
            &local.id,
            &SandboxConfigUpdate::builder()
                .config(
                    LocalSandboxConfig::builder()
                        .maybe_sandbox_dir(settings.sandbox_dir.clone())
                        .build(),
                )
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(restored.local().unwrap(), &settings);
}

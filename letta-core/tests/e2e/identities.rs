//! Identities, attached to agents and blocks, and agents listed by identity.

use futures_util::TryStreamExt;
use letta_core::types::{
    BlockCreate, IdentityCreate, IdentityProperty, IdentityPropertyType, IdentityPropertyValue, IdentityType,
    IdentityUpdate, IdentityUpsert, ListAgentsParams, ListBlocksParams, ListIdentitiesParams,
};

use crate::{agent_request, client, new_agent, unique};

#[tokio::test]
async fn identity_lifecycle_with_agents_blocks_and_properties() {
    let client = client();
    let agent = new_agent(&client, "identified").await;
    let block = client
        .blocks()
        .create(&BlockCreate::new("account", "Plan: pro"))
        .await
        .unwrap();
    let key = unique("ext-user");
    let mut prefs = serde_json::Map::new();
    prefs.insert("tea".into(), true.into());
    let identity = client
        .identities()
        .create(
            &IdentityCreate::builder()
                .identifier_key(&key)
                .name("Ada")
                .identity_type(IdentityType::User)
                .agent_ids([&agent.id])
                .block_ids([&block.id])
                .properties([
                    IdentityProperty::number("age", 36),
                    IdentityProperty::json("prefs", prefs.clone()),
                    IdentityProperty::boolean("vip", true),
                ])
                .build(),
        )
        .await
        .unwrap();
    assert!(identity.id.as_str().starts_with("identity-"), "{}", identity.id);
    assert_eq!(identity.identifier_key, key);
    assert_eq!(identity.identity_type, IdentityType::User);
    assert_eq!(identity.agent_ids, vec![agent.id.clone()]);
    assert_eq!(identity.block_ids, vec![block.id.clone()]);
    assert_eq!(
        identity.property("age").unwrap().value,
        IdentityPropertyValue::Integer(36)
    );
    assert_eq!(
        identity.property("prefs").unwrap().kind,
        IdentityPropertyType::Json
    );
    assert_eq!(
        identity.property("prefs").unwrap().value,
        IdentityPropertyValue::Json(prefs)
    );
    assert_eq!(
        identity.property("vip").unwrap().value,
        IdentityPropertyValue::Boolean(true)
    );

    assert_eq!(
        client.identities().retrieve(&identity.id).await.unwrap(),
        identity
    );
    let by_key = client
        .identities()
        .list(
            &ListIdentitiesParams::builder()
                .identifier_key(key.clone())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(by_key, vec![identity.clone()]);
    let users: Vec<_> = client
        .identities()
        .list_all(
            &ListIdentitiesParams::builder()
                .identity_type(IdentityType::User)
                .limit(1)
                .build(),
        )
        .try_collect()
        .await
        .unwrap();
    assert!(users.iter().any(|i| i.id == identity.id));
    assert!(users.iter().all(|i| i.identity_type == IdentityType::User));
    assert!(client.identities().count().await.unwrap() >= 1);

    // Agents are found by identity, and carry it in their state.
    let of_identity = client
        .agents()
        .list(&ListAgentsParams::builder().identity_id(&identity.id).build())
        .await
        .unwrap();
    assert_eq!(
        of_identity.iter().map(|a| &a.id).collect::<Vec<_>>(),
        vec![&agent.id]
    );
    let by_key = client
        .agents()
        .list(&ListAgentsParams::builder().identifier_keys([key.clone()]).build())
        .await
        .unwrap();
    assert_eq!(by_key.iter().map(|a| &a.id).collect::<Vec<_>>(), vec![&agent.id]);
    let state = client.agents().retrieve(&agent.id).await.unwrap();
    assert_eq!(state.identity_ids, vec![identity.id.clone()]);
    // Blocks too.
    let blocks = client
        .blocks()
        .list(&ListBlocksParams::builder().identity_id(&identity.id).build())
        .await
        .unwrap();
    assert_eq!(blocks.iter().map(|b| &b.id).collect::<Vec<_>>(), vec![&block.id]);
    let blocks = client
        .blocks()
        .list(&ListBlocksParams::builder().identifier_keys([key.clone()]).build())
        .await
        .unwrap();
    assert_eq!(blocks.iter().map(|b| &b.id).collect::<Vec<_>>(), vec![&block.id]);

    // A second identity with the same key is refused; an upsert updates the first.
    let err = client
        .identities()
        .create(&IdentityCreate::new(&key, "Impostor", IdentityType::User))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409), "{err}");
    let upserted = client
        .identities()
        .upsert(&IdentityUpsert::new(&key, "Ada Lovelace", IdentityType::User))
        .await
        .unwrap();
    assert_eq!(upserted.id, identity.id);
    assert_eq!(upserted.name, "Ada Lovelace");
    assert_eq!(
        upserted.agent_ids,
        vec![agent.id.clone()],
        "unset fields are kept"
    );

    let second = new_agent(&client, "identified-2").await;
    let updated = client
        .identities()
        .modify(
            &identity.id,
            &IdentityUpdate::builder()
                .identity_type(IdentityType::OtherParty)
                .agent_ids([agent.id.clone(), second.id.clone()])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(updated.identity_type, IdentityType::OtherParty);
    assert_eq!(updated.agent_ids.len(), 2);

    client
        .identities()
        .upsert_properties(&identity.id, &[IdentityProperty::string("plan", "enterprise")])
        .await
        .unwrap();
    let replaced = client.identities().retrieve(&identity.id).await.unwrap();
    assert_eq!(
        replaced.properties,
        vec![IdentityProperty::string("plan", "enterprise")]
    );

    client.identities().delete(&identity.id).await.unwrap();
    assert!(
        client
            .identities()
            .retrieve(&identity.id)
            .await
            .unwrap_err()
            .is_not_found()
    );
    // The agents outlive their identity.
    client.agents().retrieve(&second.id).await.unwrap();
}

#[tokio::test]
async fn an_agent_created_with_an_identity_is_listed_under_it() {
    let client = client();
    let org = client
        .identities()
        .create(&IdentityCreate::new(unique("org"), "Acme", IdentityType::Org))
        .await
        .unwrap();
    let request = agent_request(&unique("acme-agent"))
        .identity_ids([&org.id])
        .build();
    let agent = client.agents().create(&request).await.unwrap();
    assert_eq!(agent.identity_ids, vec![org.id.clone()]);
    let listed = client
        .agents()
        .list(&ListAgentsParams::builder().identity_id(&org.id).build())
        .await
        .unwrap();
    assert_eq!(listed.iter().map(|a| &a.id).collect::<Vec<_>>(), vec![&agent.id]);
    let org = client.identities().retrieve(&org.id).await.unwrap();
    assert_eq!(org.agent_ids, vec![agent.id]);
}

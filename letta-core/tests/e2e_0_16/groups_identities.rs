//! Groups, identities and tags on the real 0.16.8 (groups are deprecated there and can no longer
//! be sent to, but are still managed): CRUD, counts, membership, shared blocks, the group's
//! messages; identities with their agents, blocks and properties; tags of agents.

use letta_core::types::{
    AgentPageParams, BlockCreate, GroupCreate, GroupUpdate, IdentityCreate, IdentityProperty, IdentityType,
    IdentityUpdate, IdentityUpsert, LettaMessage, ListGroupMessagesParams, ListGroupsParams,
    ListIdentitiesParams, ListTagsParams, MessageContent, MessageCreate, MessageRole, MessageUpdate,
    OrderedPageParams,
};

use crate::{client, new_agent, unique};

#[tokio::test]
async fn a_group_is_managed_and_shares_blocks_with_its_agents() {
    let client = client();
    let first = new_agent(&client, "member-a").await;
    let second = new_agent(&client, "member-b").await;
    let described = unique("group");
    let group = client
        .groups()
        .create(&GroupCreate::new([&first.id, &second.id], described.clone()))
        .await
        .unwrap();
    assert_eq!(group.agent_ids, [first.id.clone(), second.id.clone()]);
    assert_eq!(group.description, described);
    assert!(client.groups().count().await.unwrap() >= 1);
    assert_eq!(client.groups().retrieve(&group.id).await.unwrap().id, group.id);
    let listed = client
        .groups()
        .list(&ListGroupsParams::builder().limit(1000).build())
        .await
        .unwrap();
    assert!(listed.iter().any(|g| g.id == group.id));
    let of_agent = client.agents().groups(&first.id, None).await.unwrap();
    assert_eq!(of_agent.iter().map(|g| &g.id).collect::<Vec<_>>(), [&group.id]);

    let redescribed = unique("renamed");
    let modified = client
        .groups()
        .modify(
            &group.id,
            &GroupUpdate::builder().description(redescribed.clone()).build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.description, redescribed);

    let block = client
        .blocks()
        .create(&BlockCreate::new(unique("shared"), "shared by the group"))
        .await
        .unwrap();
    // 0.16.8 records the block in the group's own table only: neither the group as read back
    // (`shared_block_ids` stays empty) nor its agents show it. What shows is that the server
    // checks the block: an unknown one is refused.
    client.groups().attach_block(&group.id, &block.id).await.unwrap();
    let blocks = client
        .agents()
        .core_memory(&first.id)
        .list_blocks()
        .await
        .unwrap();
    assert!(!blocks.iter().any(|b| b.id == block.id));
    client.groups().detach_block(&group.id, &block.id).await.unwrap();
    let unknown = letta_core::ids::BlockId::new("block-00000000-0000-4000-8000-000000000000");
    let refused = client
        .groups()
        .attach_block(&group.id, &unknown)
        .await
        .unwrap_err();
    assert!(refused.is_not_found(), "{refused}");

    // A message sent to a member on the group's behalf is the group's.
    let tagged = MessageCreate::builder(MessageRole::User, "#reply for the group")
        .group_id(group.id.clone())
        .build();
    client
        .agents()
        .messages(&first.id)
        .send(&tagged.into())
        .await
        .unwrap();
    let messages = client.groups().messages(&group.id);
    let listed = messages.list(&ListGroupMessagesParams::default()).await.unwrap();
    let user = listed
        .iter()
        .find_map(|m| match m {
            LettaMessage::User(u) if u.content.text() == "#reply for the group" => Some(u.meta.id.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{listed:?}"));
    // 0.16.8's route calls a message-manager method that no longer exists (only its `_async`
    // form does): every edit fails, and the message stays as it was.
    let refused = messages
        .modify(
            &user,
            &MessageUpdate::User {
                content: MessageContent::from("edited through the group"),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(500), "{refused}");
    let unchanged = messages.list(&ListGroupMessagesParams::default()).await.unwrap();
    assert!(unchanged.iter().any(|m| matches!(m, LettaMessage::User(u)
        if u.meta.id == user && u.content.text() == "#reply for the group")));
    messages.reset().await.unwrap();
    let after = messages.list(&ListGroupMessagesParams::default()).await.unwrap();
    assert!(after.is_empty(), "{after:?}");

    client.groups().delete(&group.id).await.unwrap();
    let gone = client.groups().retrieve(&group.id).await.unwrap_err();
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404), "{gone}");
    client.blocks().delete(&block.id).await.unwrap();
    for agent in [&first, &second] {
        client.agents().delete(&agent.id).await.unwrap();
    }
}

#[tokio::test]
async fn an_identity_holds_agents_blocks_and_properties() {
    let client = client();
    let agent = new_agent(&client, "identified").await;
    let block = client
        .blocks()
        .create(&BlockCreate::new("account", "Plan: pro"))
        .await
        .unwrap();
    let key = unique("user");
    let identity = client
        .identities()
        .create(
            &IdentityCreate::builder()
                .identifier_key(&key)
                .name("Ada")
                .identity_type(IdentityType::User)
                .block_ids([&block.id])
                .properties([IdentityProperty::number("age", 36)])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(identity.identifier_key, key);
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
    assert_eq!(by_key, std::slice::from_ref(&identity));
    assert!(client.identities().count().await.unwrap() >= 1);

    client
        .agents()
        .identities(&agent.id)
        .attach(&identity.id)
        .await
        .unwrap();
    let agents = client
        .identities()
        .list_agents(&identity.id, &AgentPageParams::default())
        .await
        .unwrap();
    assert_eq!(agents.iter().map(|a| &a.id).collect::<Vec<_>>(), [&agent.id]);
    let blocks = client
        .identities()
        .list_blocks(&identity.id, &OrderedPageParams::default())
        .await
        .unwrap();
    assert_eq!(blocks.iter().map(|b| &b.id).collect::<Vec<_>>(), [&block.id]);
    client
        .agents()
        .identities(&agent.id)
        .detach(&identity.id)
        .await
        .unwrap();
    let agents = client
        .identities()
        .list_agents(&identity.id, &AgentPageParams::default())
        .await
        .unwrap();
    assert!(agents.is_empty(), "{agents:?}");

    let upserted = client
        .identities()
        .upsert(&IdentityUpsert::new(&key, "Ada Lovelace", IdentityType::User))
        .await
        .unwrap();
    assert_eq!(
        (upserted.id.clone(), upserted.name.as_str()),
        (identity.id.clone(), "Ada Lovelace")
    );
    let modified = client
        .identities()
        .modify(
            &identity.id,
            &IdentityUpdate::builder()
                .identity_type(IdentityType::OtherParty)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.identity_type, IdentityType::OtherParty);
    client
        .identities()
        .upsert_properties(&identity.id, &[IdentityProperty::string("plan", "enterprise")])
        .await
        .unwrap();
    let replaced = client.identities().retrieve(&identity.id).await.unwrap();
    assert_eq!(
        replaced.properties,
        [IdentityProperty::string("plan", "enterprise")]
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
    client.blocks().delete(&block.id).await.unwrap();
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn an_agents_tags_are_listed() {
    let client = client();
    let tag = unique("tag");
    let request = crate::server()
        .llm()
        .v1_agent_request(unique("tagged"))
        .tags(vec![tag.clone()])
        .build();
    let agent = client.agents().create(&request).await.unwrap();
    let tags = client
        .tags()
        .list(&ListTagsParams::builder().query_text(tag.clone()).build())
        .await
        .unwrap();
    assert_eq!(tags, [tag]);
    client.agents().delete(&agent.id).await.unwrap();
}

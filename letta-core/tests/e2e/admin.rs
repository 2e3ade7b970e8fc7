use futures_util::TryStreamExt;
use letta_core::types::{
    DEFAULT_USER_ID, OrganizationCreate, OrganizationUpdate, PageParams, SourceCreate, UserCreate, UserUpdate,
};

use crate::{client, client_as, embedding_config, unique};

/// The tests here take turns: 0.7.29 fails a page whose `after` cursor names a user deleted in
/// the meantime (500 "No User found with id ..."), so one test's deletes would break the
/// other's walk over all users.
static USERS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test]
async fn organizations_and_users_and_acting_as_a_user() {
    let _turn = USERS.lock().await;
    let client = client();
    let admin = client.admin();

    let org_name = unique("org");
    let org = admin
        .organizations()
        .create(
            &OrganizationCreate::builder()
                .name(org_name.clone())
                .privileged_tools(true)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(org.name, org_name);
    assert!(org.privileged_tools);
    let orgs: Vec<_> = admin
        .organizations()
        .list_all(&PageParams::limit(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(orgs.iter().filter(|o| o.id == org.id).count(), 1);

    // 0.7.29's update route is broken: it always fails and changes nothing.
    let broken = admin
        .organizations()
        .modify(&org.id, &OrganizationUpdate::builder().name("renamed").build())
        .await
        .unwrap_err();
    assert_eq!(broken.status().map(|s| s.as_u16()), Some(500), "{broken}");
    assert!(
        broken
            .detail()
            .unwrap_or_default()
            .contains("unexpected keyword argument"),
        "{broken}"
    );

    let user = admin
        .users()
        .create(&UserCreate::new(unique("bob"), org.id.clone()))
        .await
        .unwrap();
    assert_eq!(user.organization_id.as_ref(), Some(&org.id));
    assert!(!user.is_deleted);
    let renamed = unique("robert");
    let updated = admin
        .users()
        .modify(&UserUpdate::builder().id(&user.id).name(&renamed).build())
        .await
        .unwrap();
    assert_eq!(
        (updated.id.clone(), updated.name.clone()),
        (user.id.clone(), renamed)
    );
    let users: Vec<_> = admin
        .users()
        .list_all(&PageParams::limit(2))
        .try_collect()
        .await
        .unwrap();
    assert!(users.iter().any(|u| u.id == user.id));
    assert!(users.iter().any(|u| u.id == DEFAULT_USER_ID));

    // Acting as the new user: what it creates belongs to its organization, which the default
    // user does not see.
    let as_user = client_as(user.id.as_str());
    let theirs = as_user
        .sources()
        .create(&SourceCreate::new(unique("theirs"), embedding_config()))
        .await
        .unwrap();
    assert_eq!(theirs.created_by_id.as_deref(), Some(user.id.as_str()));
    assert_eq!(theirs.organization_id.as_deref(), Some(org.id.as_str()));
    let ours = client
        .sources()
        .create(&SourceCreate::new(unique("ours"), embedding_config()))
        .await
        .unwrap();
    let seen_by_user: Vec<_> = as_user
        .sources()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(seen_by_user, vec![theirs.id.clone()]);
    let seen_by_default: Vec<_> = client
        .sources()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert!(seen_by_default.contains(&ours.id) && !seen_by_default.contains(&theirs.id));

    // Known 0.7.x quirk: an unknown user_id silently acts as the default user.
    let as_nobody = client_as("user-00000000-0000-4000-8000-0000000dead0");
    let seen_by_nobody: Vec<_> = as_nobody
        .sources()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert!(seen_by_nobody.contains(&ours.id) && !seen_by_nobody.contains(&theirs.id));

    as_user.sources().delete(&theirs.id).await.unwrap();
    client.sources().delete(&ours.id).await.unwrap();

    let deleted = admin.users().delete(&user.id).await.unwrap();
    assert_eq!(deleted.id, user.id);
    // 0.7.29 answers this with a 500; the client reports the 404 it means.
    assert!(admin.users().delete(&user.id).await.unwrap_err().is_not_found());
    let deleted_org = admin.organizations().delete(&org.id).await.unwrap();
    assert_eq!(deleted_org.id, org.id);
    assert!(
        admin
            .organizations()
            .delete(&org.id)
            .await
            .unwrap_err()
            .is_not_found()
    );
    let orgs = admin.organizations().list(&PageParams::default()).await.unwrap();
    assert!(orgs.iter().all(|o| o.id != org.id));
}

#[tokio::test]
async fn deleting_an_organization_deletes_its_users() {
    let _turn = USERS.lock().await;
    let client = client();
    let admin = client.admin();
    let org = admin
        .organizations()
        .create(&OrganizationCreate::named(unique("short-lived")))
        .await
        .unwrap();
    assert!(!org.privileged_tools, "the server default");
    let user = admin
        .users()
        .create(&UserCreate::new(unique("member"), org.id.clone()))
        .await
        .unwrap();
    admin.organizations().delete(&org.id).await.unwrap();
    assert!(admin.users().delete(&user.id).await.unwrap_err().is_not_found());
}

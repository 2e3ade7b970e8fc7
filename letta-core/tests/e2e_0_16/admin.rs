//! Users and organizations (`/v1/admin/`) and `POST /v1/auth` on the real 0.16.8.

use futures_util::TryStreamExt;
use letta_core::types::{
    DEFAULT_USER_ID, OrganizationCreate, OrganizationUpdate, PageParams, UserCreate, UserUpdate,
};

use crate::{client, unique};

#[tokio::test]
async fn organizations_and_users_are_created_listed_changed_and_deleted() {
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

    let renamed_org = unique("org-renamed");
    let modified = admin
        .organizations()
        .modify(
            &org.id,
            &OrganizationUpdate::builder().name(renamed_org.clone()).build(),
        )
        .await
        .unwrap();
    assert_eq!(
        (modified.id.clone(), modified.name.clone()),
        (org.id.clone(), renamed_org)
    );

    let user = admin
        .users()
        .create(&UserCreate::new(unique("bob"), org.id.clone()))
        .await
        .unwrap();
    assert_eq!(user.organization_id.as_ref(), Some(&org.id));
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

    let deleted = admin.users().delete(&user.id).await.unwrap();
    assert_eq!(deleted.id, user.id);
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
async fn auth_is_still_broken_on_0_16() {
    // As on 0.7.29, the handler calls server methods that no longer exist (`api_key_to_user`,
    // `authenticate_user`); 0.16 hides the AttributeError behind its generic 500.
    let error = client()
        .auth()
        .authenticate("not-the-password")
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500), "{error}");
    assert_eq!(error.detail(), Some("An unknown error occurred"), "{error:?}");
    assert!(!error.to_string().contains("not-the-password"), "{error}");
}

use crate::org::user::{self, NewUser, UserQuery};
use crate::page::PageRequest;
use crate::testing::on_each_backend;
use chrono::Utc;
use policy::org::{DataScope, Permission, RegionCode, RoleCode, RoleGrant, Scope, ScopeSubject};

fn new_user(name: &str, region: &str) -> NewUser {
    NewUser {
        username: name.into(),
        display_name: name.into(),
        password_hash: "x".into(),
        region_code: Some(region.into()),
        department_id: None,
        enterprise_uscc: None,
        phone: None,
        must_change_password: false,
    }
}

fn scope(data_scope: DataScope, home: &str, user_id: i64) -> Scope {
    let home = RegionCode::parse(home).unwrap();
    let grants = [RoleGrant {
        role: RoleCode("r".into()),
        data_scope,
        listed_regions: vec![],
        permissions: [Permission::USER_READ].into_iter().collect(),
    }];
    Scope::for_permission(
        ScopeSubject {
            user_id,
            region: Some(&home),
            enterprise: None,
        },
        &grants,
        Permission::USER_READ,
    )
    .unwrap()
}

async fn names(db: &crate::Db, s: Scope) -> Vec<String> {
    let page = user::list(
        db.conn(),
        &s,
        &UserQuery::default(),
        PageRequest::new(50, None),
    )
    .await
    .unwrap();
    let mut n: Vec<String> = page.items.into_iter().map(|u| u.username).collect();
    n.sort();
    n
}

#[tokio::test]
async fn a_scoped_query_returns_only_rows_in_scope() {
    on_each_backend(|db| async move {
        let now = Utc::now();
        let c = db.conn();
        let a = user::insert(c, new_user("a", "371502"), now).await.unwrap();
        user::insert(c, new_user("b", "371502001"), now)
            .await
            .unwrap();
        user::insert(c, new_user("c", "371503"), now).await.unwrap();
        assert_eq!(
            names(&db, scope(DataScope::OwnUnitAndBelow, "371502", a.id)).await,
            ["a", "b"]
        );
        assert_eq!(
            names(&db, scope(DataScope::OwnUnit, "371502", a.id)).await,
            ["a"]
        );
        assert_eq!(
            names(&db, scope(DataScope::SelfOnly, "371599", a.id)).await,
            ["a"]
        );
        assert_eq!(
            names(&db, scope(DataScope::Listed, "371502", a.id)).await,
            Vec::<String>::new(),
            "a listed scope with no regions admits nothing"
        );
        assert_eq!(names(&db, Scope::all()).await, ["a", "b", "c"]);
        let hidden = user::find_in_scope(c, &scope(DataScope::OwnUnit, "371503", 0), a.id)
            .await
            .unwrap();
        assert!(hidden.is_none(), "out-of-scope record is not found");
    })
    .await;
}

#[tokio::test]
async fn keyset_pages_cover_every_row_once() {
    on_each_backend(|db| async move {
        let now = Utc::now();
        for i in 0..7 {
            user::insert(db.conn(), new_user(&format!("u{i}"), "371502"), now)
                .await
                .unwrap();
        }
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = user::list(
                db.conn(),
                &Scope::all(),
                &UserQuery::default(),
                PageRequest::new(3, after),
            )
            .await
            .unwrap();
            assert!(page.items.len() <= 3);
            seen.extend(page.items.iter().map(|u| u.username.clone()));
            match page.next_cursor {
                Some(c) => after = Some(c.parse().unwrap()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 7);
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 7);
    })
    .await;
}
